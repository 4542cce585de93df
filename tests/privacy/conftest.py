"""Privacy tests: their PHI fixtures (phi_kit.py) and the in-process runner (hostile_kit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "hostile")]
