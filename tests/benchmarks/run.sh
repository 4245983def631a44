#!/usr/bin/env bash
# Request budgets of acceptance point 2, counted by a fresh emulator's statistics.
#   tests/benchmarks/run.sh        (prints the measurements as JSON; exit 1 if a budget is exceeded)
set -euo pipefail
# shellcheck source=tools/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../tools/common.sh"

"$ROOT/tools/venv.sh" >/dev/null
WORK=$(mktemp -d "${TMPDIR:-/tmp}/asm-bench.XXXXXX")
cleanup() { stop_emulator; rm -rf "$WORK"; }
trap cleanup EXIT
export PATH="$VENV/bin:$PATH"
DEST=$(place_collection "$WORK")
start_emulator "$WORK/emulator-state" "$DEST/tests/emulator" --time-scale "${ASM_TIME_SCALE:-0.02}"
connection_vars "$WORK/emulator-state/connection.json" "$WORK/vars.yml"
export ANSIBLE_COLLECTIONS_PATH="$WORK" PYTHONPATH="$WORK" ANSIBLE_PYTHON_INTERPRETER="$VENV/bin/python"
"$VENV/bin/python" "$DEST/tests/benchmarks/request_budgets.py" --connection "$WORK/emulator-state/connection.json" --vars "$WORK/vars.yml"
