"""Run slakit as ``python -m slakit``."""

from slakit.cli import main

main()
