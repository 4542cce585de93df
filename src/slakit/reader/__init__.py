"""Exports -> one `EventTable` of numpy arrays, with complete row accounting.

Example::

    from slakit.reader import ReadSpec, read_events
    table = read_events(["march.csv"], ReadSpec(attributes=("channel",)))
    assert table.rows == len(table) + table.skipped_rows + table.duplicate_rows
"""

from slakit.reader.read import read_events
from slakit.reader.spec import ReadSpec
from slakit.reader.table import Attr, EventTable, FileInfo

__all__ = ["Attr", "EventTable", "FileInfo", "ReadSpec", "read_events"]
