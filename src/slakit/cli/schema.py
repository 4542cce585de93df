"""``slakit schema``: print the JSON Schema of SLA documents."""

from __future__ import annotations

import sys

from slakit.cli.app import command


@command()
def schema() -> int:
    """Print the JSON Schema of SLA documents (the file in schemas/ must equal it).

    Editors use it for completion and checking as you type: start a document with
    "# yaml-language-server: $schema=../schemas/slakit.schema.json".

    \b
    Example:
      slakit schema > schemas/slakit.schema.json
    """
    from slakit.model.schema import schema_json

    sys.stdout.write(schema_json())
    return 0
