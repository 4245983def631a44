#!/usr/bin/env bash
# The tour playbook run as users run it, against the emulator:
#   1. the creation part (--skip-tags cleanup) creates everything;
#   2. the creation part again must report changed=0: the whole walkthrough is idempotent;
#   3. the report playbook writes its Markdown and HTML pages of what the tour made;
#   4. the cleanup part (--tags cleanup) deletes it all;
#   5. the whole tour from an empty subscription, as `make demo` runs it, creates and deletes;
#   then nothing of the tour is left.
set -eux -o pipefail

export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
LOGS="${OUTPUT_DIR:-$(mktemp -d)}"
CONNECTION=(-e @../../integration_config.yml -e @tour_vars.yml)

tour() {
  ansible-playbook azure_classic.servicemanagement.tour "${CONNECTION[@]}" "$@"
}

recap_changed() {
  grep -E '^localhost +:' "$1" | sed -E 's/.*changed=([0-9]+).*/\1/'
}

# Whatever happens, leave nothing behind; and start from nothing, even after a failed earlier run.
trap 'tour --tags cleanup >/dev/null 2>&1 || true' EXIT
tour --tags cleanup "$@" >/dev/null

# 1. first creation pass
tour --skip-tags cleanup "$@" | tee "$LOGS/tour-create-1.log"
[ "$(recap_changed "$LOGS/tour-create-1.log")" -gt 0 ]

# It printed what the seed walkthrough prints, section by section.
for expected in \
    '"West US"' \
    'Service name: ittour-hosted-01' 'Management URL: https://' 'Location: West US' \
    'Operation status: Succeeded' \
    'OS: Windows Azure Guest OS' 'Family: Windows Server' 'Active: ' 'Version: WA-GUEST-OS-' \
    'Name: ittour-centos-01' 'Label: ittour-centos-01' 'OS: Linux' 'Category: User' 'Description: ' \
    'Media link: https://ittourstore01.blob.core.windows.net/vhds/ittour-centos-01.vhd' \
    'VM: ittour-vm-01, ReadyRole' \
    'Name: ittour-vm-01image' 'Linux (Specialized)' 'platform VM images:' \
    'VM: ittour-vm-01fromimage, ReadyRole' 'From VM image: ittour-vm-01image'; do
  grep -qF -- "$expected" "$LOGS/tour-create-1.log" || { echo "the tour did not print: $expected"; exit 1; }
done

# 2. second creation pass: no change at all
tour --skip-tags cleanup "$@" | tee "$LOGS/tour-create-2.log"
[ "$(recap_changed "$LOGS/tour-create-2.log")" -eq 0 ]

# 3. the report of what the tour made
ansible-playbook azure_classic.servicemanagement.report -e @../../integration_config.yml -e "report_dir=$LOGS/report" "$@"
grep -qF 'ittour-vm-01fromimage' "$LOGS/report/report.md"
grep -qF '| SSH | tcp |' "$LOGS/report/report.md"
grep -qF 'ittour-vm-01image' "$LOGS/report/report.html"
grep -qF '<style>' "$LOGS/report/report.html"
# Self-contained: no scripts, stylesheets or images fetched from elsewhere.
if grep -qiE '<script|<link|<img|@import|src=' "$LOGS/report/report.html"; then
  echo "report.html refers to something outside itself"; exit 1
fi

# 4. cleanup only
tour --tags cleanup "$@" | tee "$LOGS/tour-cleanup.log"
grep -qF 'Hosted services (with their deployments and disks): ittour-vm-01fromimage, ittour-vm-01, ittour-hosted-01' "$LOGS/tour-cleanup.log"

# 5. the whole tour from scratch, as make demo runs it
tour "$@" | tee "$LOGS/tour-full.log"
grep -qF 'Operation status: Succeeded' "$LOGS/tour-full.log"
grep -qF 'Storage accounts: ittourstore01' "$LOGS/tour-full.log"

ansible-playbook leftovers.yml -e @../../integration_config.yml "$@"
