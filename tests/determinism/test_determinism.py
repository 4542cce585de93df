"""Machine output is byte-identical across runs, hash seeds, argument order, locales and zones.

CLI.md: "the same inputs give byte-identical output". The consult example (every section of
the language, DST and a holiday inside) is split into three files, one gzipped; outputs.py
writes every machine format of evaluate, validate, diff --replay and explain from them.
"""

from __future__ import annotations

import gzip
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXAMPLE = REPO / "examples" / "consult-follow-up"
sys.path.insert(0, str(HERE.parent / "hostile"))

from hostile_kit import check_contract, invoke  # noqa: E402

SEEDS = ("0", "1", "4242")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The consult example as three exports (one gzipped) and a changed head document."""
    root = tmp_path_factory.mktemp("inputs")
    doc = (EXAMPLE / "consult.sla.yaml").read_text(encoding="utf-8")
    (root / "consult.sla.yaml").write_text(doc, encoding="utf-8")
    (root / "consult-head.sla.yaml").write_text(
        doc.replace("within: 15m", "within: 20m", 1), encoding="utf-8")
    lines = (EXAMPLE / "events.csv").read_bytes().splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    third = len(body) // 3
    (root / "events-1.csv").write_bytes(header + b"".join(body[:third]))
    (root / "events-2.csv").write_bytes(header + b"".join(body[third:2 * third]))
    (root / "events-3.csv.gz").write_bytes(
        gzip.compress(header + b"".join(body[2 * third:]), mtime=0))
    return root


def outputs(inputs: Path, out: Path, **env: str) -> dict[str, bytes]:
    """Run outputs.py in a fresh interpreter with ``env`` added; return its files."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "SLAKIT_PSEUDONYM_KEY")}
    environment.update(env)
    done = subprocess.run([sys.executable, str(HERE / "outputs.py"), str(out)], cwd=inputs,
                          env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def assert_same(a: dict[str, bytes], b: dict[str, bytes], what: str) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], f"{name} differs with {what}"


@pytest.fixture(scope="module")
def baseline(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return outputs(inputs, tmp_path_factory.mktemp("seed") / SEEDS[0],
                   PYTHONHASHSEED=SEEDS[0], LC_ALL="C.UTF-8", TZ="UTC")


def test_the_outputs_are_full(baseline: dict[str, bytes]) -> None:
    assert {"evaluate.json", "evaluate.markdown", "evaluate.html", "evaluate.junit",
            "evaluate.csv", "results.csv", "validate.json", "diff.json",
            "explain.json"} <= set(baseline)
    assert all(baseline.values()) and len(baseline["evaluate.json"]) > 10_000
    assert baseline["evaluate.csv"] == baseline["results.csv"]


@pytest.mark.parametrize("seed", SEEDS[1:])
def test_hash_seeds(inputs: Path, tmp_path: Path, baseline: dict[str, bytes], seed: str) -> None:
    found = outputs(inputs, tmp_path / seed, PYTHONHASHSEED=seed, LC_ALL="C.UTF-8", TZ="UTC")
    assert_same(baseline, found, f"PYTHONHASHSEED={seed}")


def _locales() -> list[str]:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True,
                                timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listed = []
    wanted = ["C", "en_US.UTF-8", "en_US.utf8", "de_DE.UTF-8", "de_DE.utf8", "tr_TR.UTF-8"]
    return [loc for loc in wanted if loc == "C" or loc in listed][:3]


@pytest.mark.parametrize("locale", _locales())
def test_locales(inputs: Path, tmp_path: Path, baseline: dict[str, bytes], locale: str) -> None:
    found = outputs(inputs, tmp_path / "locale", PYTHONHASHSEED=SEEDS[0], LC_ALL=locale,
                    LANG=locale, TZ="UTC")
    assert_same(baseline, found, f"LC_ALL={locale}")


def test_machine_time_zone(inputs: Path, tmp_path: Path, baseline: dict[str, bytes]) -> None:
    found = outputs(inputs, tmp_path / "tz", PYTHONHASHSEED=SEEDS[0], LC_ALL="C.UTF-8",
                    TZ="Pacific/Kiritimati")
    assert_same(baseline, found, "TZ=Pacific/Kiritimati")


# -- in-process: argument order and repeated runs ----------------------------------------------

FILES = ("events-1.csv", "events-2.csv", "events-3.csv.gz")


def _evaluate(inputs: Path, out: Path, files: tuple[str, ...]) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    argv = ["evaluate", "consult.sla.yaml", *files, "-f", "json",
            "--results", str(out / "results.csv")]
    argv += [a for fmt in ("markdown", "html", "junit") for a in ("-o", f"{fmt}={out / fmt}")]
    cwd = Path.cwd()
    os.chdir(inputs)
    try:
        outcome = invoke(argv)
    finally:
        os.chdir(cwd)
    check_contract(outcome, argv)
    assert outcome.code in (0, 1), outcome.err
    found = {p.name: p.read_bytes() for p in out.iterdir()}
    found["json"] = outcome.out.encode("utf-8")
    return found


def test_argument_order_does_not_matter(inputs: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    runs = [_evaluate(inputs, tmp_path / str(i), order)
            for i, order in enumerate(itertools.permutations(FILES))]
    for i, found in enumerate(runs[1:], 1):
        assert_same(runs[0], found, f"argument order {list(itertools.permutations(FILES))[i]}")


def test_same_run_twice_and_copies_of_the_inputs(inputs: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    first = _evaluate(inputs, tmp_path / "a", FILES)
    again = _evaluate(inputs, tmp_path / "b", FILES)
    assert_same(first, again, "a second run")
    copy = tmp_path / "copy"
    shutil.copytree(inputs, copy)
    os.utime(copy / FILES[0], (0, 0))  # file times are never read
    assert_same(first, _evaluate(copy, tmp_path / "c", FILES), "copied inputs")


def test_the_json_matches_the_subprocess(inputs: Path, tmp_path: Path,
                                         baseline: dict[str, bytes],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    found = _evaluate(inputs, tmp_path / "in-process", FILES)
    assert found["json"] == baseline["evaluate.json"]
    assert found["results.csv"] == baseline["results.csv"]
    assert found["html"] == baseline["evaluate.html"]
