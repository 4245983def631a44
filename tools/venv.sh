#!/usr/bin/env bash
# Create .venv with Python >= 3.12 and the tool chain of tools/requirements-dev.txt.
# Re-running is cheap: nothing is reinstalled unless the requirements changed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
REQS="$ROOT/tools/requirements-dev.txt"
STAMP="$VENV/.requirements.sha256"

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" \
      "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.12.*/bin/python3.12 \
      "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.13.*/bin/python3.13 \
      /usr/bin/python3.12 /usr/bin/python3.13 /usr/local/bin/python3.12 /usr/local/bin/python3.13; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "No Python >= 3.12 found (ansible-core 2.21 needs it); set PYTHON=/path/to/python3.12" >&2
  return 1
}

want=$(sha256sum "$REQS" | cut -d' ' -f1)
if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi
PY=$(find_python)
echo "== creating $VENV with $PY"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS"
echo "$want" > "$STAMP"
