#!/usr/bin/env python
# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Measure the request budgets of acceptance point 2 with the emulator's request statistics.

1. A play ensuring one hosted service, one storage account and one OS image, run twice: the second
   run must send exactly one GET per resource and nothing else (3 requests).
2. hosted_service_info with embed_detail over SERVICES hosted services must send one request.

Run through run.sh, which places the collection, starts an emulator and passes its connection.
Prints the measurements as JSON and exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICES = 200


class Control:
    """The emulator's control API (same client certificate as the ASM API)."""

    def __init__(self, connection):
        self.base = connection["management_url"].rstrip("/") + "/_emulator"
        self.session = requests.Session()
        self.session.cert = connection["management_cert_path"]
        self.session.verify = connection["ca_path"]
        self.session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment overrides verify

    def reset_stats(self):
        self.session.post(self.base + "/stats/reset").raise_for_status()

    def stats(self):
        answer = self.session.get(self.base + "/stats")
        answer.raise_for_status()
        return answer.json()


def run_playbook(playbook, variables_file, extra=None):
    command = ["ansible-playbook", "-i", "localhost,", os.path.join(HERE, playbook), "-e", "@" + variables_file]
    for name, value in (extra or {}).items():
        command += ["-e", "%s=%s" % (name, value)]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit("%s failed (rc=%d)" % (playbook, done.returncode))
    return done.stdout, elapsed


def asm_client(connection):
    """The collection's own client, to create many services quickly (not one Ansible task each)."""
    from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.credentials import resolve_connection
    from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.transport import AsmClient

    settings = resolve_connection(subscription_id=connection["subscription_id"],
                                  management_cert_path=connection["management_cert_path"],
                                  management_url=connection["management_url"])
    return AsmClient.from_settings(settings, ca_path=connection["ca_path"])


def second_run_budget(control, variables_file):
    suffix = "%d" % (time.time() * 1000 % 10 ** 8)
    _output, first = run_playbook("budget_play.yml", variables_file, dict(bench_suffix=suffix))
    control.reset_stats()
    output, second = run_playbook("budget_play.yml", variables_file, dict(bench_suffix=suffix))
    stats = control.stats()
    unchanged = "changed=0" in output.split("PLAY RECAP", 1)[1]
    expected_routes = {"GET /services/hostedservices/{service}": 1, "GET /services/storageservices/{name}": 1,
                       "GET /services/images/{name}": 1}
    return dict(
        first_run_seconds=round(first, 2), second_run_seconds=round(second, 2), second_run_unchanged=unchanged,
        second_run_requests=stats["total"], second_run_by_route=stats["by_route"],
        within_budget=unchanged and stats["total"] == 3 and stats["by_route"] == expected_routes,
    )


def create_services(connection, count):
    from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import hosted_services

    client = asm_client(connection)
    prefix = "bench-list-%d" % (time.time() * 1000 % 10 ** 8)
    started = time.monotonic()
    for index in range(count):
        hosted_services.create(client, "%s-%03d" % (prefix, index), "benchmark", location="West US", wait=False)
    client.close()
    return time.monotonic() - started


def embed_detail_budget(control, connection, variables_file):
    created_in = create_services(connection, SERVICES)
    control.reset_stats()
    output, elapsed = run_playbook("info_play.yml", variables_file)
    stats = control.stats()
    listed = int(output.split("hosted_services=", 1)[1].split()[0])
    return dict(
        services_created=SERVICES, create_seconds=round(created_in, 2), services_listed=listed,
        info_seconds=round(elapsed, 2), info_requests=stats["total"], info_by_route=stats["by_route"],
        within_budget=listed >= SERVICES and stats["total"] == 1
        and stats["by_route"] == {"GET /services/hostedservices": 1},
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connection", required=True, help="the emulator's connection.json")
    parser.add_argument("--vars", required=True, help="the same connection as Ansible variables (asm_*)")
    args = parser.parse_args()
    with open(args.connection) as handle:
        connection = json.load(handle)
    control = Control(connection)
    results = dict(
        second_run=second_run_budget(control, args.vars),
        hosted_service_info_embed_detail=embed_detail_budget(control, connection, args.vars),
    )
    print(json.dumps(results, indent=2, sort_keys=True))
    return 0 if all(item["within_budget"] for item in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
