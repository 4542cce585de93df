"""The library API CLI.md promises: one function per command at ``slakit.*``, still callable
after the machinery behind it has been imported (a subpackage of the same name used to
replace ``slakit.diff`` on its first call)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import slakit
import slakit.loader
from slakit.changes import InvalidSideError
from slakit.story import FORMATS, UnknownLead

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "examples" / "consult-follow-up"
CONSULT = FOLDER / "consult.sla.yaml"
EVENTS = FOLDER / "events.csv"


@pytest.mark.parametrize("name", ["load", "validate", "evaluate", "diff", "explain"])
def test_each_command_has_a_function_that_stays_one(name: str) -> None:
    # Every subpackage imported first, in a fresh interpreter: nothing may shadow a function.
    code = ("import pkgutil, importlib, slakit, types\n"
            "for m in pkgutil.walk_packages(slakit.__path__, 'slakit.'):\n"
            "    if m.name != 'slakit.__main__':  # runs the command\n"
            "        importlib.import_module(m.name)\n"
            f"assert isinstance(slakit.{name}, types.FunctionType), type(slakit.{name})\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_diff_twice_takes_documents_paths_and_revisions(tmp_path: Path) -> None:
    base = slakit.load(CONSULT)
    assert not slakit.diff(base, base).changes
    assert not slakit.diff(base, CONSULT).changes  # a second call: still the function
    head = tmp_path / "head.sla.yaml"
    head.write_text(CONSULT.read_text().replace("within: 15m", "within: 20m"))
    result = slakit.diff(str(CONSULT), head)
    assert result.summary() == "1 loosened, 0 tightened, 0 changed"
    assert [c.code for c in result.changes] == ["target-budget-loosened"]


def test_diff_names_an_invalid_side(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sla.yaml"
    bad.write_text("slakit: 1\nname: x\ntimezone: Mars/Olympus\n")
    with pytest.raises(InvalidSideError) as caught:
        slakit.diff(CONSULT, bad)
    assert caught.value.side == "head"


def test_explain_tells_the_same_story_as_the_command() -> None:
    story = slakit.explain(CONSULT, [EVENTS], "L-900010")
    assert story.targets[0].sentence.startswith("met: first_attempt at Sun 2026-03-08 03:40")
    command = subprocess.run(
        [sys.executable, "-m", "slakit", "explain", str(CONSULT), str(EVENTS), "--lead",
         "L-900010", "-f", "json"], capture_output=True, text=True, check=True)
    assert FORMATS["json"].render(story) == command.stdout
    with pytest.raises(UnknownLead):
        slakit.explain(CONSULT, [EVENTS], "L-9000100")


def test_the_report_as_data_is_the_json_the_command_prints() -> None:
    result = slakit.evaluate(CONSULT, [EVENTS])
    command = subprocess.run(
        [sys.executable, "-m", "slakit", "evaluate", str(CONSULT), str(EVENTS), "-f", "json"],
        capture_output=True, text=True)
    assert command.returncode == 1  # the example's gate fails by design
    assert result.report.to_dict() == json.loads(command.stdout)


BARE_DAY = CONSULT.read_text().replace("within: 5bd", "within: 5d")


def test_load_raises_for_any_error_validate_reports(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sla.yaml"
    bad.write_text(BARE_DAY)
    with pytest.raises(slakit.DocumentError) as caught:
        slakit.load(bad)
    assert [p.code for p in caught.value.problems] == ["bare-day-on-business-clock"]
    assert [p.code for p in slakit.validate(bad)] == ["bare-day-on-business-clock"]
    with pytest.raises(InvalidSideError):  # a side loaded unchecked is checked by diff
        slakit.diff(CONSULT, slakit.loader.load(bad))


def test_validate_takes_what_the_command_takes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.sla.yaml").write_text(BARE_DAY)
    (tmp_path / "good.sla.yaml").write_text(CONSULT.read_text())
    expected = ["bare-day-on-business-clock"]
    for given in (tmp_path, str(tmp_path), f"{tmp_path}/**/*.sla.yaml",
                  [tmp_path / "good.sla.yaml", tmp_path / "sub"]):
        problems = slakit.validate(given)  # type: ignore[arg-type]
        assert [p.code for p in problems] == expected, given
        assert problems[0].location.file.endswith("bad.sla.yaml")
    assert slakit.validate(CONSULT.read_text()) == []  # text is still text


def test_options_are_taken_in_the_types_a_notebook_has() -> None:
    import datetime as dt
    from decimal import Decimal
    from fractions import Fraction

    import numpy as np

    base = slakit.evaluate(CONSULT, [EVENTS], as_of="2026-04-01T12:00:00-04:00",
                           fail_under="80%", by=["channel"]).report.to_dict()
    zone = dt.timezone(dt.timedelta(hours=-4))
    for same in (dict(as_of=dt.datetime(2026, 4, 1, 12, tzinfo=zone), fail_under=0.8),
                 dict(as_of=dt.datetime(2026, 4, 1, 12), fail_under=Decimal("0.8")),
                 dict(as_of="2026-04-01 12:00", fail_under=Fraction(4, 5)),
                 dict(as_of="2026-04-01 12:00", fail_under=np.float32(0.8))):
        got = slakit.evaluate(CONSULT, EVENTS, by="channel", **same).report.to_dict()
        assert got == base, same
    day = slakit.evaluate(CONSULT, str(EVENTS), as_of=dt.date(2026, 4, 1)).report
    assert day.as_of == slakit.evaluate(CONSULT, [EVENTS], as_of="2026-04-01").report.as_of


@pytest.mark.parametrize(("options", "says"), [
    (dict(fail_under=50), "not a share of one"),
    (dict(fail_under="0.95"), "would gate at 0.95%"),
    (dict(fail_under=[1]), "takes a share of one"),
    (dict(period="day"), "--period takes week or month"),
    (dict(pseudonym_key=b""), "non-empty secret"),
    (dict(as_of=3.5), "takes a time"),
])
def test_bad_options_are_usage_errors(options: dict[str, object], says: str) -> None:
    with pytest.raises(slakit.UsageError, match=says):
        slakit.evaluate(CONSULT, [EVENTS], **options)


def test_explain_refuses_an_empty_pseudonym_key_and_takes_a_text_one() -> None:
    with pytest.raises(slakit.UsageError, match="non-empty secret"):
        slakit.explain(CONSULT, EVENTS, "L-900010", pseudonym_key=b"")
    text = slakit.explain(CONSULT, EVENTS, "L-900010", pseudonym_key="k")
    assert text == slakit.explain(CONSULT, EVENTS, "L-900010", pseudonym_key=b"k")
    assert text.lead_id.startswith("p-")


@pytest.mark.parametrize(("fmt", "view"), [("markdown", None), ("csv", None),
                                           ("junit", None), ("text", "operations")])
def test_render_is_what_the_command_prints(fmt: str, view: str | None) -> None:
    result = slakit.evaluate(CONSULT, EVENTS)
    by_view = ["--view", view] if view else []
    command = subprocess.run(
        [sys.executable, "-m", "slakit", "evaluate", str(CONSULT), str(EVENTS), "-f", fmt,
         *by_view], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert result.render(fmt, view=view) == command.stdout
    with pytest.raises(slakit.UsageError, match="not defined"):
        result.render(fmt, view="nobody")


def test_printing_results_shows_no_personal_data() -> None:
    # A notebook cell ending in slakit.evaluate(...) printed every phone and email of the
    # export: the event table was a field of the result's repr.
    result = slakit.evaluate(CONSULT, EVENTS)
    phones_and_emails = ("example.org", "555-")
    for shown in (repr(result), str(result), repr(result.table), repr(result.sections),
                  repr(result.table.attrs["phone"])):
        assert not any(p in shown for p in phones_and_emails), shown[:200]
    assert repr(result) == ("Evaluation(sla='consult-follow-up', leads=432, passed=False, "
                            "engine='columnar')")


def test_printing_a_story_shows_no_cells() -> None:
    # An explanation holds the lead's events, with show_pii their personal data too.
    story = slakit.explain(CONSULT, EVENTS, "L-900039", show_pii=True)
    assert any("phone" in dict(e.fields) for e in story.events)  # the data is there
    assert repr(story) == str(story) == ("Explanation(lead='L-900039', sla='consult-follow-up', "
                                         f"events={len(story.events)}, targets=5, judged=True)")


@pytest.mark.parametrize(("call", "says"), [
    (lambda: slakit.evaluate(CONSULT, open(EVENTS, "rb")), "not an open file"),  # noqa: SIM115
    (lambda: slakit.evaluate(CONSULT, EVENTS.read_text()), "not text"),
    (lambda: slakit.evaluate(CONSULT, [None]), "not NoneType"),
    (lambda: slakit.evaluate(CONSULT, []), "no export given"),
    (lambda: slakit.evaluate(None, EVENTS), "a document is a path, its text or its bytes"),
    (lambda: slakit.evaluate(CONSULT, EVENTS, by=[1]), "by takes a field name"),
    (lambda: slakit.evaluate(CONSULT, EVENTS, by=5), "by takes a field name"),
    (lambda: slakit.evaluate(CONSULT, EVENTS, by={"channel": 1}), "by takes a field name"),
    (lambda: slakit.validate([]), "validate was given an empty list"),
    (lambda: slakit.explain(CONSULT, EVENTS, "L-100303", show_pii="false"),
     "show_pii takes True or False"),
    (lambda: slakit.diff(CONSULT, CONSULT).fails(["loosend"]), "fail_on takes loosened"),
    (lambda: slakit.load([CONSULT]), "got list"),
    (lambda: slakit.validate(None), "validate takes a document"),
    (lambda: slakit.diff(None, CONSULT), "base takes a document's path"),
    (lambda: slakit.explain(CONSULT, EVENTS, None), "lead takes a lead id"),
])
def test_wrong_arguments_are_usage_errors_that_quote_no_data(call: Any, says: str) -> None:
    with pytest.raises(slakit.UsageError) as caught:
        call()
    assert says in str(caught.value)
    assert "example.org" not in str(caught.value)


def test_documents_are_taken_loaded_or_as_text_everywhere() -> None:
    loaded = slakit.load(CONSULT)
    assert slakit.load(loaded) is loaded and slakit.validate(loaded) == []
    assert not slakit.diff(CONSULT.read_bytes(), CONSULT.read_text()).changes
    assert slakit.evaluate(CONSULT, EVENTS, by=None).report.by == ("lead_type", "channel")


def test_times_are_checked_and_read_as_python_means_them() -> None:
    import datetime as dt

    with pytest.raises(slakit.UsageError, match="outside the years 1900-2199"):
        slakit.evaluate(CONSULT, EVENTS, as_of=10**30)
    with pytest.raises(slakit.UsageError, match="view takes a view's name"):
        slakit.evaluate(CONSULT, EVENTS).render("json", view=["leadership"])  # type: ignore[arg-type]
    # A naive datetime is in the document's zone; fold=1 is the repeated hour's second reading.
    second = slakit.evaluate(CONSULT, EVENTS, as_of=dt.datetime(2026, 11, 1, 1, 30, fold=1))
    assert second.report.as_of == slakit.evaluate(
        CONSULT, EVENTS, as_of="2026-11-01T01:30:00-05:00").report.as_of


def test_stdin_may_be_a_text_stream_or_bytes() -> None:
    import io

    text = slakit.evaluate(CONSULT, ["-"], stdin=io.StringIO(EVENTS.read_text()))
    data = slakit.evaluate(CONSULT, ["-"], stdin=io.BytesIO(EVENTS.read_bytes()))
    raw = slakit.evaluate(CONSULT, ["-"], stdin=EVENTS.read_bytes())
    assert text.report.to_dict() == data.report.to_dict() == raw.report.to_dict()


def test_a_numpy_integer_is_epoch_microseconds() -> None:
    import numpy as np

    at = slakit.evaluate(CONSULT, EVENTS, as_of="2026-04-01T12:00:00-04:00").report.as_of
    assert slakit.evaluate(CONSULT, EVENTS, as_of=np.int64(at)).report.as_of == at


def test_the_gate_of_a_diff_takes_one_direction_or_several(tmp_path: Path) -> None:
    head = tmp_path / "head.sla.yaml"
    head.write_text(CONSULT.read_text().replace("within: 5bd", "within: 6bd", 1))
    result = slakit.diff(CONSULT, head)
    assert result.fails("loosened") and result.fails(["loosened"]) and result.fails("any")
    assert not result.fails("tightened") and not result.fails("never")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github"])
def test_a_diff_renders_as_the_command_prints_it(tmp_path: Path, fmt: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from slakit.changes.impact import replay_report
    from slakit.cli import run

    head = tmp_path / "head.sla.yaml"
    head.write_text(CONSULT.read_text().replace("within: 5bd", "within: 6bd", 1))
    run(["diff", str(CONSULT), str(head), "-f", fmt, "--replay", str(EVENTS)])
    printed = capsys.readouterr().out
    replayed = replay_report(CONSULT, head, [EVENTS])
    assert slakit.diff(CONSULT, head).render(fmt, replayed) == printed
    with pytest.raises(slakit.UsageError, match="render takes one of text"):
        slakit.diff(CONSULT, head).render("html")


def test_replay_takes_paths_as_diff_does(tmp_path: Path) -> None:
    from slakit.changes import replay

    head = tmp_path / "head.sla.yaml"
    head.write_text(CONSULT.read_text().replace("within: 5bd", "within: 6bd", 1))
    by_path = replay(CONSULT, head, [EVENTS])
    assert by_path == replay(slakit.load(CONSULT), slakit.load(head), [EVENTS])
    assert any(t.old_compliance != t.new_compliance for t in by_path)


def test_evaluate_and_explain_show_their_options_to_help() -> None:
    import inspect

    for function, option in ((slakit.evaluate, "fail_under"), (slakit.explain, "show_pii")):
        assert option in inspect.signature(function).parameters
        assert ">>>" in (function.__doc__ or "") or "::" in (function.__doc__ or "")
    assert {"evaluate", "explain"} <= set(dir(slakit))


@pytest.mark.parametrize("engine", ["columnar", "reference"])
def test_a_result_can_be_pickled_and_copied(engine: str) -> None:
    """For a worker process, joblib or a cache: the compiled document is rebuilt on loading."""
    import copy
    import pickle

    result = slakit.evaluate(CONSULT, EVENTS, engine=engine)
    for again in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result)):
        assert again.render("json") == result.render("json")
        assert again.leads == result.leads and again.sla.report_by == result.sla.report_by
