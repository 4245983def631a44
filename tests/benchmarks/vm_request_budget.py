#!/usr/bin/env python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Issue 5, acceptance point 2: the request budget of vm_deployment, counted by the emulator.

1. Creating a VM whose Create Virtual Machine Deployment operation takes 60 simulated seconds (time
   scale 1, so 60 real seconds) polls ``/operations/<id>`` at most 15 times.
2. Running the same ensure again on the unchanged VM costs exactly one request, a GET.

Usage: .venv/bin/python tests/benchmarks/vm_request_budget.py   (about 1.5 minutes; KEEP_WORK=1 keeps files)
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vm_bench_harness import Bench  # noqa: E402  pylint: disable=wrong-import-position

OPERATION_ROUTE = "GET /operations/{request_id}"
MAX_OPERATION_POLLS = 15
VM_CREATE_SECONDS = float(os.environ.get("VM_CREATE_SECONDS", "60"))
# A short boot keeps the run short; the boot wait reads the deployment, not /operations.
VM_BOOT_SECONDS = float(os.environ.get("VM_BOOT_SECONDS", "5"))


def main():
    durations = dict(vm_create=VM_CREATE_SECONDS, vm_boot=VM_BOOT_SECONDS, storage_create=1)
    with Bench(time_scale=1.0, durations=durations) as bench:
        config = bench.config()
        print("emulator: time_scale=%s vm_create=%ss vm_boot=%ss" % (
            config["time_scale"], config["durations"]["vm_create"], config["durations"]["vm_boot"]))
        one_vm = dict(target_hosts="vm01")
        bench.playbook("vm_setup.yml", extra_vars=one_vm)

        bench.reset_stats()
        elapsed = bench.playbook("vm_create.yml", extra_vars=one_vm)
        create = bench.stats()
        polls = create["by_route"].get(OPERATION_ROUTE, 0)
        print("create: %.1fs wall, %d requests %s; operation status polls: %d (limit %d)" % (
            elapsed, create["total"], create["by_method"], polls, MAX_OPERATION_POLLS))
        print("create requests by route: %s" % create["by_route"])

        bench.reset_stats()
        elapsed = bench.playbook("vm_create.yml", extra_vars=one_vm)
        rerun = bench.stats()
        print("re-run of the unchanged VM: %.1fs wall, %d request(s) %s %s" % (
            elapsed, rerun["total"], rerun["by_method"], rerun["by_route"]))

    failures = []
    if polls > MAX_OPERATION_POLLS:
        failures.append("%d operation polls for a %ss operation (limit %d)" % (polls, VM_CREATE_SECONDS, MAX_OPERATION_POLLS))
    if rerun["total"] != 1 or rerun["by_method"].get("GET") != 1:
        failures.append("the re-run cost %d requests %s, not one GET" % (rerun["total"], rerun["by_method"]))
    for failure in failures:
        print("FAIL: %s" % failure)
    if not failures:
        print("PASS: %d operation polls <= %d; re-run = 1 GET" % (polls, MAX_OPERATION_POLLS))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
