#!/usr/bin/env bash
# Shared by tools/test.sh, tools/demo.sh and the benchmarks: interpreters, the collection copy, the emulator.
# shellcheck disable=SC2034  # variables are used by the scripts that source this file

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
NAMESPACE=azure_classic
COLLECTION=servicemanagement

# Real interpreters (not pyenv shims, which exit 127 under ansible-test) first on PATH.
setup_interpreters() {
  local dir="$1" exe base
  mkdir -p "$dir"
  for exe in "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.*/bin/python3.* /usr/bin/python3.* /usr/local/bin/python3.*; do
    case "$exe" in *-config|*m|*-gdb.py) continue ;; esac
    [ -x "$exe" ] || continue
    base=$(basename "$exe")
    [ -e "$dir/$base" ] || ln -s "$exe" "$dir/$base"
  done
  export PATH="$VENV/bin:$dir:$PATH"
}

# ansible-test downloads get-pip.py from a host these machines cannot reach; this stand-in
# bootstraps pip from the interpreter's own ensurepip (in a child process, so pip keeps its configuration).
setup_get_pip() {
  local version cache
  version=$("$VENV/bin/python" - <<'PY'
import os, re, ansible_test
path = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
print(re.search(r"pip='([0-9.]+)'", open(path).read()).group(1))
PY
)
  cache="$HOME/.ansible/test/cache"
  mkdir -p "$cache"
  cat > "$cache/get_pip_${version//./_}.py" <<'PY'
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install", "--disable-pip-version-check"] + args)
PY
}

# Copy the checkout (tracked and untracked-but-not-ignored files) to <work>/ansible_collections/<ns>/<name>:
# ansible-test refuses symlinked checkouts.
place_collection() {
  local work="$1" dest="$1/ansible_collections/$NAMESPACE/$COLLECTION"
  mkdir -p "$dest"
  if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
      | tar --null -T - -cf -) | tar -xf - -C "$dest"
  else
    (cd "$ROOT" && tar --exclude=./.venv --exclude=./.demo --exclude=./tests/output -cf - .) | tar -xf - -C "$dest"
  fi
  echo "$dest"
}

EMULATOR_PID=""
# start_emulator STATE_DIR EMULATOR_PARENT [extra serve args...]: start it and wait for connection.json.
start_emulator() {
  local state="$1" parent="$2"
  shift 2
  mkdir -p "$state"
  rm -f "$state/connection.json"
  PYTHONPATH="$parent" "$VENV/bin/python" -m asm_emulator serve --host 127.0.0.1 --port 0 --state-dir "$state" "$@" \
    >>"$state/emulator.log" 2>&1 &
  EMULATOR_PID=$!
  local i
  for i in $(seq 1 300); do
    [ -s "$state/connection.json" ] && return 0
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      echo "The emulator exited during start-up; its log:" >&2
      cat "$state/emulator.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "The emulator did not write $state/connection.json in 30 seconds" >&2
  return 1
}

stop_emulator() {
  if [ -n "$EMULATOR_PID" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
  EMULATOR_PID=""
}

# Write the emulator's connection.json as Ansible variables (asm_<key>) for integration targets and playbooks.
connection_vars() {
  "$VENV/bin/python" - "$1" "$2" <<'PY'
import json, sys
conn = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    out.write("---\n")
    for key, value in sorted(conn.items()):
        out.write("asm_%s: %s\n" % (key, json.dumps(value)))
PY
}
