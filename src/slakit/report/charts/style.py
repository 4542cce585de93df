"""The HTML report's stylesheet: system fonts, the charts' palette, print rules."""

from __future__ import annotations

from slakit.report.charts.svg import BAD, BAD_INK, BLUE, GRID, INK, MUTED

PASS_INK = "#0B6E4F"
PASS_BG = "#E3F4EC"
FAIL_INK = BAD_INK
FAIL_BG = "#FCE9DE"
NODATA_INK = MUTED
NODATA_BG = "#EEF1F4"

CSS = f"""\
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: #F6F8FA; color: {INK};
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
main {{ max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }}
h1 {{ font-size: 28px; margin: 0 0 4px; line-height: 1.2; }}
h2 {{ font-size: 22px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid {INK}; }}
h3 {{ font-size: 17px; margin: 0 0 10px; }}
h4 {{ font-size: 15px; margin: 18px 0 8px; }}
code {{ font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }}
.muted, .note, .eyebrow, .meta, .id, figcaption {{ color: {MUTED}; }}
.eyebrow {{ margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: 12px; }}
.meta {{ margin: 0; }}
.verdict {{ display: flex; align-items: center; gap: 14px; margin: 18px 0;
  padding: 14px 18px; border-radius: 8px; border-left: 8px solid; font-size: 17px; }}
.verdict p {{ margin: 0; }}
.verdict.pass {{ background: {PASS_BG}; border-color: {PASS_INK}; }}
.verdict.fail {{ background: {FAIL_BG}; border-color: {FAIL_INK}; }}
.verdict .badge {{ font-size: 18px; padding: 4px 12px; }}
.badge {{ display: inline-block; margin: 0; padding: 1px 8px; border-radius: 4px;
  font-weight: 700; font-size: 12px; letter-spacing: .03em; white-space: nowrap; }}
.badge.pass {{ background: {PASS_INK}; color: #FFF; }}
.badge.fail {{ background: {FAIL_INK}; color: #FFF; }}
.badge.nodata {{ background: {NODATA_BG}; color: {NODATA_INK}; border: 1px solid {GRID}; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
  gap: 14px; }}
.card {{ background: #FFF; border: 1px solid {GRID}; border-top: 6px solid {NODATA_INK};
  border-radius: 8px; padding: 12px 16px; break-inside: avoid; }}
.card.pass {{ border-top-color: {PASS_INK}; }}
.card.fail {{ border-top-color: {FAIL_INK}; background: #FFFBF8; }}
.card h3 {{ margin: 8px 0 0; font-size: 15px; }}
.card .id {{ margin: 2px 0 6px; font-size: 12px; }}
.card .big {{ margin: 0; font-size: 34px; font-weight: 700; line-height: 1.1; }}
.card.fail .big {{ color: {FAIL_INK}; }}
.card.pass .big {{ color: {PASS_INK}; }}
.card .goal-text, .card .counts, .card .owners {{ margin: 2px 0; font-size: 13px; }}
.card .owners span {{ display: inline-block; width: 17px; text-align: center; font-size: 11px;
  font-weight: 700; border: 1px solid {MUTED}; border-radius: 3px; color: {MUTED}; }}
.meter {{ position: relative; height: 8px; margin: 8px 0; background: {NODATA_BG};
  border-radius: 4px; }}
.meter .fill {{ position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px;
  background: {BLUE}; }}
.card.fail .meter .fill {{ background: {BAD}; }}
.meter .goal {{ position: absolute; top: -4px; bottom: -4px; width: 3px; margin-left: -1px;
  background: {INK}; }}
nav {{ display: flex; align-items: baseline; gap: 18px; margin: 26px 0 0; padding: 12px 16px;
  background: #FFF; border: 1px solid {GRID}; border-radius: 8px; }}
nav h2 {{ margin: 0; padding: 0; border: 0; font-size: 15px; }}
nav ul {{ display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0; padding: 0;
  list-style: none; }}
nav li {{ max-width: 300px; }}
nav a {{ display: block; font-weight: 600; }}
nav .muted {{ font-size: 13px; }}
a {{ color: {BLUE}; }}
.block {{ background: #FFF; border: 1px solid {GRID}; border-radius: 8px; padding: 16px 18px;
  margin: 14px 0; }}
.block.ref {{ padding: 10px 18px; }}
.block.ref h3 {{ display: inline; margin-right: 10px; }}
.block.ref p {{ display: inline; }}
.figs {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }}
figure {{ margin: 0 0 10px; break-inside: avoid; }}
figcaption {{ font-size: 13px; margin-top: 4px; }}
svg.chart {{ display: block; max-width: 100%; height: auto; }}
.scroll {{ overflow-x: auto;
  /* a shadow at an edge with more table behind it (it scrolls away at the end) */
  background: linear-gradient(to right, #FFF 30%, rgba(255,255,255,0)),
    linear-gradient(to left, #FFF 30%, rgba(255,255,255,0)) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.18), rgba(0,0,0,0)),
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.18), rgba(0,0,0,0)) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }}
table {{ border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px;
  font-variant-numeric: tabular-nums; }}
caption {{ text-align: left; font-weight: 600; padding: 4px 0; }}
th, td {{ padding: 5px 8px; border-bottom: 1px solid {GRID}; text-align: left;
  vertical-align: top; }}
thead th {{ border-bottom: 2px solid {INK}; white-space: nowrap; }}
.num {{ text-align: right; }}
td.ids {{ font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px;
  min-width: 14ch; }}
td.ids span {{ display: inline-block; overflow-wrap: anywhere; }}
.vh {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }}
.kpi {{ font-size: 16px; }}
.kpi strong {{ font-size: 26px; margin-right: 6px; }}
.empty {{ color: {MUTED}; font-style: italic; margin: 4px 0; }}
.level {{ font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 3px;
  text-transform: uppercase; }}
.level.error {{ background: {FAIL_INK}; color: #FFF; }}
.level.warning {{ background: #F6E7B0; color: {INK}; }}
details {{ margin-top: 8px; }}
summary {{ cursor: pointer; color: {BLUE}; font-size: 13px; }}
footer {{ margin-top: 28px; font-size: 12px; color: {MUTED}; }}
footer ul {{ margin: 4px 0; padding-left: 18px; }}
@media (max-width: 640px) {{
  main {{ padding: 16px 12px 32px; }}
  .figs {{ grid-template-columns: 1fr; }}
  /* charts keep a readable size and scroll sideways rather than shrink to 3px text */
  figure {{ overflow-x: auto; }}
  svg.chart {{ min-width: 520px; }}
}}
@page {{ margin: 14mm; }}
@media print {{
  body {{ background: #FFF; font-size: 11pt; }}
  main {{ max-width: none; padding: 0; }}
  nav, .block.ref, details > summary {{ display: none; }}
  /* the exact numbers behind each chart are printed: a chart may leave rows to its table */
  details {{ display: block; }}
  details::details-content {{ content-visibility: visible; display: block; }}
  .scroll {{ overflow: visible; background: none; }}
  table {{ font-size: 8.5pt; }}
  thead th {{ white-space: normal; }}
  th, td {{ padding: 3px 5px; }}
  svg.chart {{ min-width: 0; }}
  .block, .card {{ border-color: #BBB; }}
  .card, tr {{ break-inside: avoid; }}
  .figs {{ grid-template-columns: 1fr 1fr; }}
  h2 {{ break-after: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
}}
"""
