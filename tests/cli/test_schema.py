"""The committed JSON Schema equals ``slakit schema``; documents validate against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from slakit.cli import run
from slakit.loader.yaml12 import parse

REPO = Path(__file__).resolve().parent.parent.parent
SCHEMA_FILE = REPO / "schemas" / "slakit.schema.json"
EXAMPLES = sorted((REPO / "examples").glob("**/*.sla.yaml"))
DATA = sorted((REPO / "tests" / "model" / "data").glob("*.sla.yaml"))


def schema_output(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(["schema"]) == 0
    return capsys.readouterr().out


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schema_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    out = schema_output(capsys)
    assert SCHEMA_FILE.read_text(encoding="utf-8") == out, (
        "schemas/slakit.schema.json is stale: run `slakit schema > schemas/slakit.schema.json`")
    assert schema_output(capsys) == out and out.endswith("}\n")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "slakit SLA document" and schema["$id"]


@pytest.mark.parametrize("path", EXAMPLES + DATA, ids=lambda p: p.name)
def test_documents_match_the_schema(path: Path) -> None:
    data = parse(path.read_text(encoding="utf-8")).data
    errors = [f"{list(e.path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


def _pass_snippets() -> list[Any]:
    out = []
    for case in sorted((REPO / "tests" / "cases").glob("*.yaml")):
        for n, doc in enumerate(yaml.safe_load(case.read_text(encoding="utf-8"))["pass"], 1):
            out.append(pytest.param(doc, id=f"{case.stem}-pass{n}"))
    return out


@pytest.mark.parametrize("doc", _pass_snippets())
def test_valid_snippets_match_the_schema(doc: str) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator().iter_errors(parse(doc).data)]
    assert errors == []


@pytest.mark.skipif(not EXAMPLES, reason="no examples yet")
def test_examples_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["validate", "--strict", str(REPO / "examples")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out == f"{len(EXAMPLES)} files valid\n"
