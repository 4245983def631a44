#!/usr/bin/env bash
# `make test`: every test, on a copy of the checkout placed where ansible-test wants it.
#   tools/test.sh [step ...]   steps: changelog sanity units emulator integration package lint (default: all)
# Environment: KEEP_WORK=1 keeps the work directory; ANSIBLE_TEST_ARGS adds arguments to every ansible-test call.
set -euo pipefail
# shellcheck source=tools/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STEPS=("$@")
[ ${#STEPS[@]} -gt 0 ] || STEPS=(sanity units emulator integration package lint)

"$ROOT/tools/venv.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/asm-test.XXXXXX")
cleanup() {
  stop_emulator
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
setup_interpreters "$WORK/pybin"
setup_get_pip
DEST=$(place_collection "$WORK")
cd "$DEST"
# shellcheck disable=SC2206
EXTRA=(${ANSIBLE_TEST_ARGS:-})

banner() { printf '\n==== %s ====\n' "$*"; }

# ansible-test keeps its tool virtualenvs in ~/.ansible/test; two runs building one at the same
# time break each other, so runs on one machine take turns.
LOCK="$HOME/.ansible/test/.asm-collection.lock"
mkdir -p "$(dirname "$LOCK")"
serialized() { flock "$LOCK" "$@"; }

step_sanity() {
  banner "ansible-test sanity"
  serialized ansible-test sanity --venv --requirements --color=no "${EXTRA[@]}"
}

step_units() {
  banner "ansible-test units"
  serialized ansible-test units --venv --python 3.12 --requirements --color=no "${EXTRA[@]}"
}

step_emulator() {
  if [ ! -d tests/emulator/tests ]; then banner "emulator tests: none yet"; return 0; fi
  banner "emulator tests (pytest)"
  (cd tests/emulator && "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests)
}

step_integration() {
  if [ ! -d tests/emulator/asm_emulator ]; then banner "integration: no emulator yet"; return 0; fi
  if [ -z "$(find tests/integration/targets -mindepth 1 -maxdepth 1 -type d 2>/dev/null)" ]; then
    banner "integration: no targets yet"; return 0
  fi
  banner "ansible-test integration (against the bundled emulator)"
  start_emulator "$WORK/emulator-state" "$DEST/tests/emulator" --time-scale "${ASM_TIME_SCALE:-0.02}"
  connection_vars "$WORK/emulator-state/connection.json" tests/integration/integration_config.yml
  ansible-test integration --local --color=no --allow-destructive "${EXTRA[@]}"
  stop_emulator
}

step_package() {
  banner "build, install and document the collection artifact"
  local out="$WORK/build" installed="$WORK/installed"
  ansible-galaxy collection build --output-path "$out" --force .
  ansible-galaxy collection install --offline -p "$installed" "$out"/*.tar.gz
  ANSIBLE_COLLECTIONS_PATH="$installed" "$VENV/bin/python" "$ROOT/tools/check_docs.py" "$installed"
}

step_lint() {
  if [ -z "$(ls roles playbooks 2>/dev/null)" ]; then banner "ansible-lint: no roles or playbooks yet"; return 0; fi
  banner "ansible-lint (production profile)"
  # The roles and playbooks use the collection's own modules and roles by FQCN; ansible-lint finds
  # them on the collections path, and the copy already sits at $WORK/ansible_collections/<ns>/<name>.
  ANSIBLE_COLLECTIONS_PATH="$WORK" ansible-lint --offline --profile production roles/ playbooks/
}

for step in "${STEPS[@]}"; do
  "step_$step"
done
banner "all requested steps passed: ${STEPS[*]}"
