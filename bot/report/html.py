"""The report page: a summary, the metrics table with intervals and verdicts, and the plots."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from bot.domain.experiment_metrics import METRICS, MetricRow
from bot.report.plots import PLOTS
from bot.report.retention_html import retention_block
from bot.services.experiment_report import ExperimentReport

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#111;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;
text-align:right}th{background:#f3f4f6}td:first-child,td:nth-child(2){text-align:left}
.higher{color:#15803d;font-weight:600}.lower{color:#b91c1c;font-weight:600}
.warn{background:#fef2f2;border:1px solid #b91c1c;padding:.6rem}.ok{color:#15803d}
.nodata{color:#6b7280;font-style:italic}
img{max-width:100%;border:1px solid #eee;margin:.5rem 0}
"""
_ALT = {
    "arms": "every metric per arm with 95% confidence intervals",
    "lift": "revenue per unit lift over time",
    "funnel": "offer funnel: shown, accepted, bought",
    "addons": "top add-ons by accepted revenue",
    "retention": "cancel save rate by retention offer kind",
}


def _number(value: float, kind: str) -> str:
    if not math.isfinite(value):
        return "–"
    if kind == "rate":
        return f"{value * 100:.1f}%"
    if kind == "money":
        return f"{'−' if value < 0 else ''}${abs(value):,.2f}"
    return f"{value:.2f}"


def _p(value: float) -> str:
    if not math.isfinite(value):
        return "–"
    return "&lt; 0.0001" if value < 0.0001 else f"{value:.4f}"


def _interval(low: float, high: float, kind: str) -> str:
    if not (math.isfinite(low) and math.isfinite(high)):
        return "–"
    return f"[{_number(low, kind)}, {_number(high, kind)}]"


def _row(row: MetricRow, kind: str) -> str:
    est = row.estimate
    cells = [
        escape(row.metric),
        escape(row.arm),
        _number(est.value, kind)
        if math.isfinite(est.value)
        else '<span class="nodata">no data</span>',
        _interval(est.low, est.high, kind),
    ]
    cmp = row.comparison
    if cmp is None:
        cells += ["", "", "", "", "control"]
    else:
        diff_kind = "points" if kind == "rate" else kind
        diff = (
            f"{cmp.difference * 100:+.1f} pts"
            if diff_kind == "points" and math.isfinite(cmp.difference)
            else _number(cmp.difference, kind)
        )
        ci = _interval(cmp.low, cmp.high, kind)
        if kind == "rate" and math.isfinite(cmp.low):
            ci = f"[{cmp.low * 100:+.1f}, {cmp.high * 100:+.1f}] pts"
        lift = f"{cmp.lift * 100:+.1f}%" if math.isfinite(cmp.lift) else "–"
        p = _p(cmp.p_value)
        cells += [diff, ci, lift, p, f'<span class="{row.verdict}">{escape(row.verdict)}</span>']
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _status(report: ExperimentReport) -> str:
    """A warning when the experiment has not started yet or has already ended."""
    exp, now = report.experiment, report.generated_at
    if exp.start > now:
        return (
            f'<p class="warn"><b>Not started yet</b>: it starts {exp.start:%Y-%m-%d %H:%M} UTC '
            "and collects no data until then.</p>"
        )
    if exp.stop <= now:
        return f'<p class="ok">Ended {exp.stop:%Y-%m-%d %H:%M} UTC: no new data is collected.</p>'
    return ""


def _summary(report: ExperimentReport) -> str:
    exp = report.experiment
    arms = ", ".join(
        f"{escape(n)} {report.arms[n].units} units / {report.arms[n].order_count} orders"
        for n in report.arms
    )
    srm = report.srm
    expected = ", ".join(f"{escape(n)} {v:.0f}" for n, v in srm.expected.items())
    test = f"χ² = {srm.chi2:.2f}, p = {srm.p_value:.3g}; expected {expected}"
    srm_html = (
        f'<p class="warn"><b>Sample-ratio mismatch</b> ({test}; p &lt; 0.001): the split differs '
        "from the weights. Check the assignment and exposure logging before trusting any "
        "verdict.</p>"
        if srm.mismatch
        else f'<p class="ok">No sample-ratio mismatch ({test}).</p>'
    )
    window = f"{exp.start:%Y-%m-%d %H:%M} – {exp.stop:%Y-%m-%d %H:%M} UTC"
    status = _status(report)
    since = f", data since {report.since:%Y-%m-%d}" if report.since else ""
    return (
        f"<h2>{escape(exp.key)}</h2>{status}<p>Unit: {escape(exp.unit)}; window {window}{since}; "
        f"control: <b>{escape(exp.control)}</b>; weights {escape(str(exp.weights))}.</p>"
        f"<p>Arms: {arms}. A verdict needs ≥ {report.minimum.units} units and ≥ "
        f"{report.minimum.orders} orders in both arms compared; otherwise “not enough data”."
        f"</p>{srm_html}"
    )


def _section(report: ExperimentReport, src: Callable[[str, str], str]) -> str:
    kinds = {m.name: m.kind for m in METRICS}
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "metric",
            "arm",
            "estimate",
            "95% CI",
            "vs control",
            "95% CI of difference",
            "lift",
            "p",
            "verdict",
        )
    )
    body = "".join(_row(r, kinds[r.metric]) for r in report.rows)
    images = "".join(
        f"<h3>{escape(_ALT[name].capitalize())}</h3>"
        f'<img src="{src(report.experiment.key, name)}" alt="{escape(_ALT[name])}">'
        for name in PLOTS
    )
    retention = retention_block(report.retention, report.retention_pairs)
    return (
        f"<section>{_summary(report)}<table><tr>{head}</tr>{body}</table>{retention}{images}"
        "</section>"
    )


def render_html(reports: Sequence[ExperimentReport], src: Callable[[str, str], str]) -> str:
    """The whole page; ``src(experiment_key, plot_name)`` gives each image's address."""
    sections = "".join(_section(r, src) for r in reports)
    stamp = reports[0].generated_at if reports else None
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Offer experiments report</title><style>{_STYLE}</style></head><body>"
        f"<h1>Offer experiments report</h1><p>Generated {stamp:%Y-%m-%d %H:%M} UTC. Rates compare "
        "with Newcombe's interval and the test that inverts it, revenue per unit and turns with "
        "Welch's t-test, AOV with the delta method; retention kinds pairwise, Holm-corrected; "
        "intervals are 95%.</p>"
        f"{sections}</body></html>"
    )


def write_report(reports: Sequence[ExperimentReport], out: Path) -> list[Path]:
    """Write ``index.html`` and ``<experiment>-<plot>.png`` files into ``out``; returns them."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for report in reports:
        for name, plot in PLOTS.items():
            path = out / f"{report.experiment.key}-{name}.png"
            path.write_bytes(plot(report))
            written.append(path)
    page = out / "index.html"
    page.write_text(render_html(reports, lambda key, name: f"{key}-{name}.png"), encoding="utf-8")
    return [page, *written]


def inline_report(reports: Sequence[ExperimentReport]) -> str:
    """The page with every plot inlined as a ``data:`` PNG (what ``/admin/report`` serves)."""
    images = {
        (r.experiment.key, name): base64.b64encode(plot(r)).decode()
        for r in reports
        for name, plot in PLOTS.items()
    }
    return render_html(reports, lambda key, name: f"data:image/png;base64,{images[(key, name)]}")
