#!/usr/bin/env bash
# `make demo`: the seed walkthrough as a playbook, against the bundled emulator, the way users get the collection.
#  1. virtualenv (.venv), 2. build the collection from the checkout and install it into .demo/collections,
#  3. start the emulator in .demo/state, 4. run the playbook tour with the emulator's connection.json:
#     its creation steps, then the report playbook on the subscription they filled, then the tour's
#     deletion steps (tag `cleanup`), 5. print where the report is, 6. stop the emulator it started.
# The emulator's state persists in .demo/state: a re-run (even after an interrupted one) finds what an
# earlier run left, which the tour's idempotent steps take over and its cleanup removes.
set -euo pipefail
# shellcheck source=tools/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DEMO="$ROOT/.demo"
"$ROOT/tools/venv.sh"
export PATH="$VENV/bin:$PATH"
trap stop_emulator EXIT

echo "== building and installing the collection into $DEMO/collections"
rm -rf "$DEMO/build"
mkdir -p "$DEMO/build" "$DEMO/collections"
(cd "$ROOT" && ansible-galaxy collection build --force --output-path "$DEMO/build" . >/dev/null)
ansible-galaxy collection install --offline --force -p "$DEMO/collections" "$DEMO"/build/*.tar.gz
export ANSIBLE_COLLECTIONS_PATH="$DEMO/collections"
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
# The roles' tasks for the other state are skipped; hiding skipped tasks keeps the walkthrough readable.
export ANSIBLE_DISPLAY_SKIPPED_HOSTS=false

echo "== starting the ASM emulator (state in $DEMO/state)"
start_emulator "$DEMO/state" "$ROOT/tests/emulator" --time-scale "${ASM_TIME_SCALE:-0.05}"
CONNECTION="$DEMO/state/connection.json"
echo "   endpoint: $("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["management_url"])' "$CONNECTION")"

if [ ! -f "$ROOT/playbooks/tour.yml" ]; then
  echo "playbooks/tour.yml does not exist yet; nothing more to run." >&2
  exit 1
fi
# The tour runs in two parts so that the report has something to show: first every step of the
# walkthrough that creates, lists and shows (run alone, it changes nothing the second time), then,
# after the report, the steps that delete (tag `cleanup`): the OS image, the VMs with their disks,
# the cloud services, the VM image and the storage account.
echo "== the seed walkthrough: ansible-playbook azure_classic.servicemanagement.tour --skip-tags cleanup"
ansible-playbook azure_classic.servicemanagement.tour -e "asm_connection_file=$CONNECTION" --skip-tags cleanup

echo "== the subscription report: ansible-playbook azure_classic.servicemanagement.report"
ansible-playbook azure_classic.servicemanagement.report -e "asm_connection_file=$CONNECTION" -e "report_dir=$DEMO/report"

echo "== the walkthrough's deletions: ansible-playbook azure_classic.servicemanagement.tour --tags cleanup"
ansible-playbook azure_classic.servicemanagement.tour -e "asm_connection_file=$CONNECTION" --tags cleanup
echo
echo "Report written to: $DEMO/report/report.md and $DEMO/report/report.html"
