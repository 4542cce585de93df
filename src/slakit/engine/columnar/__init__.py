"""The columnar engine: every lead at once on numpy arrays, the reference engine's fast twin.

``run`` returns the same ``EngineOutput`` as ``slakit.engine.reference.run``; what it does not
vectorize (a target whose pause happened, cadence windows) it hands, lead by lead, to the
reference engine's own judges. ``tests/columnar`` requires both engines to agree.
"""

from slakit.engine.columnar.run import ColumnarOutput, run, run_columns

__all__ = ["ColumnarOutput", "run", "run_columns"]
