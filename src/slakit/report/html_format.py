"""A self-contained HTML report: inline CSS and SVG, no script, no URL, printable.

The page opens with the verdict and one card per target, then shows the sections of each view
in order (a section already shown under an earlier view is linked, not repeated). Every value
from the data goes through ``esc``: a lead id like ``<script>`` is text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from slakit.report import tables
from slakit.report.base import ALL_SECTIONS, Format, RenderOptions
from slakit.report.charts import ElapsedHistogram, figures
from slakit.report.charts.style import CSS
from slakit.report.charts.svg import esc
from slakit.report.markdown_format import kept_text
from slakit.report.model import Report, TargetSummary
from slakit.report.numbers import instant, minutes, percent_pair, percent_text

SECTION_TITLES: dict[str, str] = {
    "targets": "Targets",
    "segments": "Compliance by segment",
    "outcomes": "Outcomes",
    "aging": "Aging of open leads",
    "trend": "Compliance over time",
    "routing": "Routing",
    "stages": "Stage delays",
    "escalations": "Escalations",
    "findings": "Data quality",
}
MAX_ROWS = 20
"""Rows of long lists (misrouted leads, finding examples) shown before "and N more"."""
HALF = 540
"""Width of a chart in a two-column grid (drawn at about 1:1 on a desktop screen)."""
WIDE = 1040
"""Width of a chart across the page."""
MAX_SIDE_BY_SIDE = 6
"""Outcome segments that still fit a half-width chart."""


def verdict_sentence(report: Report) -> str:
    """``2 of 4 targets missed their objective: a (93.0%, objective 95.0%), ...``; a pass as
    the headline of the other formats says it (``kept_text``)."""
    failed = [t for t in report.targets if not t.passed]
    if not failed:
        kept = kept_text(report)
        return f"{kept[0].upper()}{kept[1:]}."
    missed = ", ".join(f"{t.id} ({share}, objective {goal})" for t in failed
                       for share, goal in [percent_pair(t.compliance, t.objective, most=60)])
    return f"{len(failed)} of {len(report.targets)} targets missed their objective: {missed}."


def _verdict(target: TargetSummary) -> tuple[str, str]:
    if target.objective is None:
        return "nodata", "NO OBJECTIVE"
    if target.compliance is None:
        return "nodata", "PASS (NO DATA)"
    return ("pass", "✓ PASS") if target.passed else ("fail", "✗ FAIL")


def _badge(cell: str) -> str:
    cls = {"PASS": "pass", "FAIL": "fail", "PASS (no data)": "nodata"}.get(cell)
    if cls is None:
        return esc(cell)
    text = {"pass": "✓ PASS", "fail": "✗ FAIL", "nodata": "PASS (no data)"}[cls]
    return f'<span class="badge {cls}">{text}</span>'


def _is_number(cell: str) -> bool:
    stripped = cell.replace(".", "", 1).replace("%", "").replace(",", "")
    return stripped.isdigit() or cell in ("-", "no data")


def table_html(table: tables.Table, *, caption: bool = True, limit: int | None = None) -> str:
    """A shared section table as HTML; numeric columns right-aligned, PASS/FAIL as badges."""
    numeric = [
        bool(table.rows) and all(_is_number(r[i]) or r[i] == "" for r in table.rows)
        for i in range(len(table.headers))
    ]
    rows = table.rows if limit is None else table.rows[:limit]
    out = ['<div class="scroll"><table>']
    if caption:
        out.append(f"<caption>{esc(table.title)}</caption>")
    out.append("<thead><tr>" + "".join(
        f'<th scope="col"{" class=num" if numeric[i] else ""}>{esc(h)}</th>'
        for i, h in enumerate(table.headers)) + "</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td{" class=num" if numeric[i] else ""}>{_badge(c)}</td>'
            for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table></div>")
    more = len(table.rows) - len(rows)
    note = f"and {more} more" if more else table.note
    if note:
        out.append(f'<p class="note">{esc(note)}</p>')
    return "".join(out)


def _details(summary: str, body: str) -> str:
    return f"<details><summary>{esc(summary)}</summary>{body}</details>"


def _figure(svg: str, caption: str = "") -> str:
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f"<figure>{svg}{cap}</figure>"


def _empty(message: str) -> str:
    return f'<p class="empty">{esc(message)}</p>'


def _owners(target: TargetSummary) -> str:
    parts = [f'<span title="{role}">{role[0].upper()}</span> {esc(target.owners[role])}'
             for role in ("responsible", "accountable") if role in target.owners]
    return " · ".join(parts)


def _no_stop(t: TargetSummary) -> str:
    """Why a target's histogram is empty: its leads' statuses, counted."""
    c = t.counts
    parts = [f"{n:,} {what}" for n, what in (
        (c["pending"] + c["at_risk"], "still running"), (c["cancelled"], "cancelled"),
        (c["not_applicable"], "not applicable"), (c["duplicate"], "duplicates")) if n]
    return "No lead's clock has stopped" + (f" ({', '.join(parts)})" if parts else "")


class _Page:
    """One rendering: the report, the options and a counter for unique chart ids."""

    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.report = report
        self.options = options
        self.charts = 0
        self.sections: dict[str, Callable[[], str]] = {
            "targets": self.targets, "segments": self.segments, "outcomes": self.outcomes,
            "aging": self.aging, "trend": self.trend, "routing": self.routing,
            "stages": self.stages, "escalations": self.escalations, "findings": self.findings,
        }

    def chart_id(self) -> str:
        self.charts += 1
        return f"chart-{self.charts}"

    # -- the page -------------------------------------------------------------------------

    def render(self) -> str:
        r = self.report
        zone = ZoneInfo(r.timezone)
        groups = self.groups()
        view = groups[0][0] if len(groups) == 1 else ""  # --view NAME: say which
        body = [self.header(instant(r.as_of, zone), view), self.cards()]
        if len(groups) > 1:
            body.append(self.nav(groups))
        shown: dict[str, str] = {}
        for name, sections in groups:
            body.append(self.view(name, sections, shown, bool(name)))
        body.append(self.footer())
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="color-scheme" content="light">\n'
            f"<title>SLA report: {esc(r.sla_title)}{f' ({esc(view)} view)' if view else ''}"
            f"</title>\n<style>\n{CSS}</style>\n"
            "</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
        )

    def groups(self) -> list[tuple[str, tuple[str, ...]]]:
        """The views to show: all of them for a full report, else the requested sections."""
        views = self.report.views
        wanted = tuple(s for s in self.options.sections if s in self.sections)
        if wanted != ALL_SECTIONS or not views:
            name = next((v for v, s in views.items() if s == wanted), "")
            return [(name, wanted)]
        covered = {s for sections in views.values() for s in sections}
        rest = tuple(s for s in ALL_SECTIONS if s not in covered)
        groups = list(views.items())
        return groups + ([("other", rest)] if rest else [])

    def header(self, as_of: str, view: str = "") -> str:
        r = self.report
        files = len(r.input.files)
        meta = (f"As of {esc(as_of)} · {r.input.leads:,} leads · {files} file"
                f"{'' if files == 1 else 's'} · {r.input.used_rows:,} of {r.input.rows:,} rows "
                "used")
        cls = "pass" if r.passed else "fail"
        return (
            f'<header class="top"><p class="eyebrow">SLA report · {esc(r.sla_name)}'
            f'{f" · {esc(view)} view" if view else ""}</p>'
            f"<h1>{esc(r.sla_title)}</h1><p class=\"meta\">{meta}</p></header>\n"
            f'<section class="verdict {cls}" aria-label="Result">'
            f'<span class="badge {cls}">{"✓ PASS" if r.passed else "✗ FAIL"}</span>'
            f"<p>{esc(verdict_sentence(r))}</p></section>"
        )

    def cards(self) -> str:
        cards = []
        for t in self.report.targets:
            cls, text = _verdict(t)
            value, goal = percent_pair(t.compliance, t.objective, most=60)
            goal = f"objective {goal}" if t.objective is not None else "no objective"
            meter = ""
            if t.compliance is not None:
                width = f"{float(t.compliance) * 100:.1f}"
                mark = ("" if t.objective is None else
                        f'<span class="goal" style="left:{float(t.objective) * 100:.1f}%">'
                        "</span>")
                meter = (f'<div class="meter" aria-hidden="true"><span class="fill" '
                         f'style="width:{width}%"></span>{mark}</div>')
            c = t.counts
            counts = (f"{c['met']:,} met · {c['breached']:,} breached · "
                      f"{c['pending'] + c['at_risk']:,} open")
            owners = _owners(t)
            cards.append(
                f'<article class="card {cls}"><p class="badge {cls}">{text}</p>'
                f"<h3>{esc(t.title)}</h3><p class=\"id\">{esc(t.id)} · {esc(t.kind)}</p>"
                f'<p class="big">{esc(value)}</p><p class="goal-text">{esc(goal)}</p>{meter}'
                f'<p class="counts">{counts}</p>'
                + (f'<p class="owners">{owners}</p>' if owners else "")
                + "</article>"
            )
        return ('<section class="cards" aria-labelledby="cards-title">'
                '<h2 class="vh" id="cards-title">Targets at a glance</h2>'
                + "".join(cards) + "</section>")

    def nav(self, groups: Sequence[tuple[str, tuple[str, ...]]]) -> str:
        items = []
        for name, sections in groups:
            names = ", ".join(SECTION_TITLES[s].lower() for s in sections)
            items.append(f'<li><a href="#view-{esc(name)}">{esc(name.capitalize())}</a>'
                         f'<span class="muted">{esc(names)}</span></li>')
        return f'<nav aria-label="Views"><h2>Views</h2><ul>{"".join(items)}</ul></nav>'

    def view(self, name: str, sections: Sequence[str], shown: dict[str, str],
             headed: bool) -> str:
        out = []
        if headed:
            out.append(f'<section class="view" id="view-{esc(name)}">'
                       f"<h2>{esc(name.capitalize())}</h2>")
        for section in sections:
            title = SECTION_TITLES[section]
            if section in shown:
                out.append(
                    f'<section class="block ref"><h3>{esc(title)}</h3><p class="muted">'
                    f'Shown above under <a href="#sec-{section}">'
                    f"{esc(shown[section].capitalize())}</a>.</p></section>")
                continue
            shown[section] = name
            out.append(f'<section class="block" id="sec-{section}"><h3>{esc(title)}</h3>'
                       f"{self.sections[section]()}</section>")
        if headed:
            out.append("</section>")
        return "\n".join(out)

    def footer(self) -> str:
        r = self.report
        files = "".join(
            f"<li>{esc(f.path)} <code>sha256 {esc(f.sha256[:12])}</code></li>"
            for f in r.input.files)
        env = ", ".join(f"{esc(k)} {esc(v)}" for k, v in sorted(r.environment.items()))
        return (
            f'<footer><p>Generated by slakit {esc(r.version)} from SLA '
            f"<strong>{esc(r.sla_name)}</strong> <code>sha256 {esc(r.sla_sha256[:12])}</code>"
            f"{' · ' + env if env else ''}; times in {esc(r.timezone)}.</p>"
            + (f"<ul>{files}</ul>" if files else "") + "</footer>"
        )

    # -- sections -------------------------------------------------------------------------

    def targets(self) -> str:
        r = self.report
        parts = [table_html(tables.targets(r)[0], caption=False)]
        hists = {h.target: h for h in self.options.histograms}
        figs = [
            _figure(figures.elapsed_chart(self.chart_id(), hists[t.id], HALF, _no_stop(t)),
                    self._elapsed_note(t, hists[t.id]))
            for t in r.targets if t.id in hists
        ]
        if figs:
            parts.append('<h4>Elapsed clock time</h4><div class="figs">' + "".join(figs)
                         + "</div>")
        failed = tables.targets(r)[1:]
        if failed:
            parts.append("<h4>What failed</h4>" + "".join(table_html(t) for t in failed))
        return "".join(parts)

    def _elapsed_note(self, t: TargetSummary, hist: ElapsedHistogram) -> str:
        stats = [(k, minutes(v)) for k, v in
                 (("p50", t.elapsed_p50), ("p90", t.elapsed_p90), ("max", t.elapsed_max))]
        shown = [f"{k} {v:g} min" for k, v in stats if v is not None]
        note = f"{t.title}" + (f" ({', '.join(shown)})." if shown else ".")
        if hist.budget_us is None and hist.budget_text:
            note += (f" The {hist.budget_text} budget counts business days, whose clock "
                     "length varies, so no line is drawn: the colors show met and breached.")
        return note

    def segments(self) -> str:
        r = self.report
        if not r.by:
            return _empty("No segments: name fields in report.by or pass --by.")
        figs = []
        for t in r.targets:
            if not any(s.compliance is not None for s in t.segments):
                continue
            svg, hidden = figures.segments_chart(self.chart_id(), t, HALF)
            note = f" ({hidden} more in the table)" if hidden else ""
            figs.append(_figure(svg, f"{t.title}{note}"))
        if not figs:
            return _empty("No met or breached leads in any segment.")
        by = " × ".join(r.by)
        data = "".join(table_html(t) for t in tables.segments(r))
        return (f'<p class="muted">By {esc(by)}; worst first.</p><div class="figs">'
                + "".join(figs) + "</div>" + _details("Segment table", data))

    def trend(self) -> str:
        r = self.report
        figs = [_figure(figures.trend_chart(self.chart_id(), t, r.period, HALF), t.title)
                for t in r.targets if t.trend]
        if not figs:
            return _empty("No met or breached leads to show over time.")
        trend = tables.trend(r)
        data = "".join(table_html(t) for t in trend)
        partial = f'<p class="muted">{esc(trend[0].note)}</p>' if trend and trend[0].note else ""
        return ('<div class="figs">' + "".join(figs) + "</div>" + partial
                + _details(f"Compliance by {r.period} table", data))

    def outcomes(self) -> str:
        r = self.report
        if r.outcomes_overall is None:
            return _empty("This SLA defines no outcomes.")
        mix = r.outcomes_overall
        # Many segments need the whole width for their labels; a few sit beside the reasons.
        wide = len(r.outcomes_segments) > MAX_SIDE_BY_SIDE
        chart = figures.outcomes_chart(self.chart_id(), mix, r.outcomes_segments,
                                       WIDE if wide else HALF)
        parts = [_figure(chart, "Outcome mix: share of leads won, still open and lost.")]
        if mix.lost_reasons:
            parts.append(_figure(figures.lost_reasons_chart(self.chart_id(), mix, HALF),
                                 "Top lost reasons: lost leads per reason."))
        data = "".join(table_html(t) for t in tables.outcomes(r))
        if wide:
            figs = parts[0] + '<div class="figs">' + "".join(parts[1:]) + "</div>"
        else:
            figs = '<div class="figs">' + "".join(parts) + "</div>"
        return figs + _details("Outcome tables", data)

    def aging(self) -> str:
        r = self.report
        if not r.aging_buckets:
            return _empty("No aging buckets: list durations in report.aging.")
        if not r.aging:
            return _empty("No open leads.")
        Rows = list[tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]]
        team_rows: Rows = [((a.team or "(no team)",), a.counts, a.oldest) for a in r.aging]
        groups: list[tuple[tuple[str, ...], Rows]] = [(("team",), team_rows)]
        if r.aging_segments:
            by = tuple(f for f, _ in r.aging_segments[0].key)
            groups.append((by, [(tuple(v or "(empty)" for _, v in a.key), a.counts, a.oldest)
                                for a in r.aging_segments]))
        peak = max((c for _, rows in groups for _, counts, _ in rows for c in counts),
                   default=0) or 1
        tables = "".join(self._heat(r.aging_buckets, keys, rows, peak) for keys, rows in groups)
        return '<p class="muted">Open leads by clock age since their first event.</p>' + tables

    @staticmethod
    def _heat(buckets: Sequence[str], keys: Sequence[str],
              rows: Sequence[tuple[Sequence[str], Sequence[int], Sequence[str]]],
              peak: int) -> str:  # fmt: skip
        """One aging table: a row per group (its ``keys`` columns), its counts shaded."""
        head = "".join(f'<th scope="col">{esc(k)}</th>' for k in keys)
        head += "".join(f'<th scope="col" class="num">{esc(b)}</th>' for b in buckets)
        body = []
        for names, counts, oldest in rows:
            cells = []
            for i, c in enumerate(counts):
                # Older buckets shade toward vermillion, so a long tail stands out.
                hue = "213, 94, 0" if i == len(counts) - 1 else "0, 114, 178"
                alpha = 0.08 + 0.5 * c / peak if c else 0
                style = f' style="background:rgba({hue}, {alpha:.2f})"' if c else ""
                cells.append(f'<td class="num"{style}>{c:,}</td>')
            ids = ", ".join(f"<span>{esc(i)}</span>" for i in oldest)  # break between ids
            body.append("<tr>" + "".join(f'<th scope="row">{esc(n)}</th>' for n in names)
                        + "".join(cells) + f'<td class="ids">{ids}</td></tr>')
        return ('<div class="scroll"><table class="heat"><thead><tr>'
                f'{head}<th scope="col">oldest</th></tr></thead><tbody>{"".join(body)}'
                "</tbody></table></div>")

    def routing(self) -> str:
        r = self.report
        if not r.has_routing_check:
            return _empty("This SLA does not check routing (routing.check).")
        accuracy = percent_text(r.routing_accuracy)
        out = [f'<p class="kpi"><strong>{esc(accuracy)}</strong> routed as the rules expect '
               f"({r.routing_matched:,} of {r.routing_checked:,} checked leads).</p>"]
        parts = tables.routing(r)
        if len(parts) > 1:
            out.append(table_html(parts[1], limit=MAX_ROWS))
        else:
            out.append(_empty("No misrouted leads."))
        return "".join(out)

    def stages(self) -> str:
        r = self.report
        if not r.stages:
            return _empty("This SLA defines no stages.")
        # The section's heading names the first table; the per-segment one gets its caption.
        data = "".join(table_html(t, caption=i > 0) for i, t in enumerate(tables.stages(r)))
        return _figure(figures.stages_chart(self.chart_id(), r.stages, WIDE),
                       "Each stage's share of the median journey, and of the breaches whose "
                       "clock time it consumed most of.") + data

    def escalations(self) -> str:
        r = self.report
        if not r.escalations:
            return _empty("This SLA defines no escalations.")
        data = "".join(table_html(t, caption=False) for t in tables.escalations(r))
        chart = figures.escalations_chart(self.chart_id(), r.escalations, WIDE)
        return _figure(chart, "Fired, due for judging (their expect window has ended) and "
                              "actioned within that window.") + data

    def findings(self) -> str:
        r = self.report
        parts = tables.findings(r)
        out = [table_html(parts[0], caption=False)]
        if not r.findings:
            return out[0] + _empty("No data findings.")
        rows = []
        for g in r.findings:
            first = g.examples[0].message if g.examples else ""
            rows.append(f'<tr><td><code>{esc(g.code)}</code></td><td><span class="level '
                        f'{esc(g.level)}">{esc(g.level)}</span></td><td class="num">'
                        f"{g.total:,}</td><td>{esc(first)}</td></tr>")
        out.append('<div class="scroll"><table><thead><tr><th scope="col">finding</th>'
                   '<th scope="col">level</th><th scope="col" class="num">total</th>'
                   '<th scope="col">for example</th></tr></thead><tbody>' + "".join(rows)
                   + "</tbody></table></div>")
        for group, table in zip(r.findings, parts[1:], strict=True):
            shown = min(len(table.rows), MAX_ROWS)
            out.append(_details(f"{group.code}: {shown} of {group.total:,} examples",
                                table_html(table, caption=False, limit=MAX_ROWS)))
        return "".join(out)


class HtmlFormat(Format):
    """One offline HTML file for people: verdict first, charts, then the detail."""

    name = "html"
    machine = True
    needs = ("histograms",)

    def render(self, report: Report, options: RenderOptions) -> str:
        """Render the whole page."""
        return _Page(report, options).render()
