"""``python -m asm_emulator``: see cli.py."""
from __future__ import annotations

import sys

from asm_emulator.cli import main

sys.exit(main())
