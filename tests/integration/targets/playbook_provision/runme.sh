#!/usr/bin/env bash
# The provision and teardown playbooks, parameterised by extra vars, against the emulator:
# provision a VM, capture it and deploy a copy; again without change; tear all of it down with the
# teardown playbook; again without change; provision once more and remove it with provision_state=absent.
set -eux -o pipefail

export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
LOGS="${OUTPUT_DIR:-$(mktemp -d)}"
CONNECTION=(-e @../../integration_config.yml)

recap_changed() {
  grep -E '^localhost +:' "$1" | sed -E 's/.*changed=([0-9]+).*/\1/'
}

provision() {
  ansible-playbook azure_classic.servicemanagement.provision "${CONNECTION[@]}" -e @provision_vars.yml "$@"
}

teardown() {
  ansible-playbook azure_classic.servicemanagement.teardown "${CONNECTION[@]}" -e @teardown_vars.yml "$@"
}
# Whatever happens, leave nothing behind; and start from nothing, even after a failed earlier run.
trap 'teardown >/dev/null 2>&1 || true' EXIT
teardown "$@" >/dev/null

provision "$@" | tee "$LOGS/provision-1.log"
[ "$(recap_changed "$LOGS/provision-1.log")" -gt 0 ]
# The second play reached the new VMs through the inventory the roles filled.
grep -qE 'itprov-web-01: ssh deploy@[0-9.]+ -p 22' "$LOGS/provision-1.log"
grep -qE 'itprov-web-01-copy-1: ssh deploy@[0-9.]+ -p 22' "$LOGS/provision-1.log"

provision "$@" | tee "$LOGS/provision-2.log"
[ "$(recap_changed "$LOGS/provision-2.log")" -eq 0 ]

teardown "$@" | tee "$LOGS/teardown-1.log"
grep -qF '"itprovdisks01"' "$LOGS/teardown-1.log"

teardown "$@" | tee "$LOGS/teardown-2.log"
[ "$(recap_changed "$LOGS/teardown-2.log")" -eq 0 ]

provision "$@" | tee "$LOGS/provision-3.log"
provision -e provision_state=absent "$@" | tee "$LOGS/provision-absent.log"
[ "$(recap_changed "$LOGS/provision-absent.log")" -gt 0 ]
provision -e provision_state=absent "$@" | tee "$LOGS/provision-absent-2.log"
[ "$(recap_changed "$LOGS/provision-absent-2.log")" -eq 0 ]
