#!/usr/bin/env python
"""Check an installed collection: the action group lists exactly its modules, and ansible-doc renders
every module and every role's argument spec. Usage: check_docs.py COLLECTIONS_PATH"""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

NAME = "azure_classic.servicemanagement"


def main(collections_path):
    root = os.path.join(collections_path, "ansible_collections", *NAME.split("."))
    runtime = yaml.safe_load(open(os.path.join(root, "meta", "runtime.yml")))
    group = set(runtime.get("action_groups", {}).get("all") or [])
    modules_dir = os.path.join(root, "plugins", "modules")
    modules = sorted(f[:-3] for f in os.listdir(modules_dir) if f.endswith(".py") and not f.startswith("_")) \
        if os.path.isdir(modules_dir) else []
    expected = set("%s.%s" % (NAME, m) for m in modules)
    problems = []
    if group != expected:
        problems.append("action group 'all' %s differs from the modules %s" % (sorted(group), sorted(expected)))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path)
    for module in modules:
        fqcn = "%s.%s" % (NAME, module)
        done = subprocess.run(["ansible-doc", fqcn], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or "ERROR" in done.stderr or "WARNING" in done.stderr:
            problems.append("ansible-doc %s: rc=%s %s" % (fqcn, done.returncode, done.stderr.strip()))
        else:
            print("ansible-doc %s: %d lines" % (fqcn, len(done.stdout.splitlines())))
    roles_dir = os.path.join(root, "roles")
    for role in sorted(os.listdir(roles_dir)) if os.path.isdir(roles_dir) else []:
        fqcn = "%s.%s" % (NAME, role)
        done = subprocess.run(["ansible-doc", "-t", "role", fqcn], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or "ERROR" in done.stderr:
            problems.append("ansible-doc -t role %s: rc=%s %s" % (fqcn, done.returncode, done.stderr.strip()))
        else:
            print("ansible-doc -t role %s: %d lines" % (fqcn, len(done.stdout.splitlines())))
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
