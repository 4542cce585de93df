"""The columnar engine: every lead at once on numpy arrays, the reference engine's fast twin.

``run`` returns the same ``EngineOutput`` as ``slakit.engine.reference.run`` and
``run_columns`` the arrays behind it; every part of the language is judged on arrays (pauses
and cadence windows included). ``tests/columnar`` requires both engines to agree.
"""

from slakit.engine.columnar.run import ColumnarOutput, run, run_columns

__all__ = ["ColumnarOutput", "run", "run_columns"]
