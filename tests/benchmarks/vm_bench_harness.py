# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the vm_deployment benchmarks share: a private emulator with chosen durations, a copy of the
collection where ansible-playbook finds it, playbook runs with their wall time, and the emulator's
control API (config, stats). The emulator and the collection copy come from ``tools/common.sh``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COMMON_SH = os.path.join(ROOT, "tools", "common.sh")
PLAYBOOKS = os.path.join(HERE, "playbooks")


class Bench:
    """A work directory with an emulator and a collection copy; use as a context manager."""

    def __init__(self, time_scale, durations):
        self.time_scale = time_scale
        self.durations = durations
        self.work = tempfile.mkdtemp(prefix="vm-bench.")
        self.state = os.path.join(self.work, "emulator-state")
        self.process = None
        self.connection = None
        self.session = None

    def __enter__(self):
        self.collections = self._place_collection()
        self._start_emulator()
        return self

    def __exit__(self, *exc_info):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        if os.environ.get("KEEP_WORK") == "1":
            print("work directory kept: %s" % self.work)
        else:
            shutil.rmtree(self.work, ignore_errors=True)

    def _place_collection(self):
        # tools/common.sh's place_collection copies the checkout the way tools/test.sh does.
        subprocess.run(["bash", "-c", '. "$0" && place_collection "$1" >/dev/null', COMMON_SH, self.work], check=True)
        return self.work

    def _start_emulator(self):
        os.makedirs(self.state)
        args = [sys.executable, "-m", "asm_emulator", "serve", "--host", "127.0.0.1", "--port", "0",
                "--state-dir", self.state, "--time-scale", str(self.time_scale)]
        for kind, seconds in sorted(self.durations.items()):
            args += ["--duration", "%s=%s" % (kind, seconds)]
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tests", "emulator"))
        log = open(os.path.join(self.state, "emulator.log"), "ab")  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        path = os.path.join(self.state, "connection.json")
        for _attempt in range(300):
            if os.path.exists(path) and os.path.getsize(path) > 0:
                with open(path, encoding="utf-8") as handle:
                    self.connection = json.load(handle)
                break
            if self.process.poll() is not None:
                raise RuntimeError("the emulator exited during start-up; see %s/emulator.log" % self.state)
            time.sleep(0.1)
        else:
            raise RuntimeError("the emulator did not write connection.json in 30 seconds")
        self.session = requests.Session()
        self.session.cert = self.connection["management_cert_path"]
        self.session.verify = self.connection["ca_path"]
        self.session.trust_env = False

    # ------------------------------------------------------------ control API

    def control(self, method, path):
        answer = self.session.request(method, "%s/_emulator/%s" % (self.connection["management_url"].rstrip("/"), path),
                                      timeout=30)
        answer.raise_for_status()
        return answer.json()

    def config(self):
        return self.control("GET", "config")

    def stats(self):
        return self.control("GET", "stats")

    def reset_stats(self):
        return self.control("POST", "stats/reset")

    # ------------------------------------------------------------ playbooks

    def playbook(self, name, forks=5, extra_vars=None):
        """Run ``playbooks/<name>``; return the wall time in seconds. A failed play raises."""
        variables = dict(("asm_%s" % key, value) for key, value in self.connection.items())
        variables.update(extra_vars or {})
        vars_file = os.path.join(self.work, "vars.json")
        with open(vars_file, "w", encoding="utf-8") as handle:
            json.dump(variables, handle)
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_FORKS=str(forks),
                   ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_RETRY_FILES_ENABLED="False",
                   ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default", ANSIBLE_DISPLAY_SKIPPED_HOSTS="False")
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                   "-i", os.path.join(PLAYBOOKS, "inventory.ini"), "-e", "@%s" % vars_file,
                   "-e", "ansible_python_interpreter=%s" % sys.executable, os.path.join(PLAYBOOKS, name)]
        started = time.monotonic()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started
        if done.returncode != 0:
            raise RuntimeError("%s failed (rc %s):\n%s\n%s" % (name, done.returncode, done.stdout[-6000:], done.stderr[-3000:]))
        return elapsed
