"""Privacy tests share the hostile tests' in-process runner (tests/hostile/hostile_kit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hostile"))
