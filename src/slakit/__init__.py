"""slakit: SLA-as-code for healthcare lead follow-up.

Library first: ``slakit.load`` reads and validates a document, ``slakit.evaluate`` runs it on
event exports. Heavy modules are imported lazily so that ``slakit --help`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
