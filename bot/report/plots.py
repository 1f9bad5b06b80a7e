"""The report's plots, each rendered to PNG bytes with matplotlib's Agg canvas (no pyplot)."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from matplotlib import dates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.domain.experiment_metrics import METRICS
from bot.services.experiment_report import ExperimentReport

_COLORS = ("#6b7280", "#2563eb", "#16a34a", "#db2777", "#ea580c", "#7c3aed")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def _bars(ax: Axes, names: Sequence[str], values: Sequence[float], errors: list) -> None:
    """Bars with error bars for the arms that have a value; "no data" where there is none.

    ``values`` are NaN for an arm without data: it gets no bar, only the label, so it is
    never drawn as a 0.
    """
    shown = [i for i, v in enumerate(values) if math.isfinite(v)]
    if shown:
        ax.bar(
            shown,
            [values[i] for i in shown],
            yerr=[[side[i] for i in shown] for side in errors],
            capsize=5,
            color=[_COLORS[i % len(_COLORS)] for i in shown],
        )
    ax.set_xticks(range(len(names)), names)
    ax.set_xlim(-0.6, len(names) - 0.4)
    for i, value in enumerate(values):
        if not math.isfinite(value):
            ax.text(i, 0.5, "no data", transform=ax.get_xaxis_transform(), ha="center",
                    va="center", fontsize=9, color="#6b7280", rotation=90)  # fmt: skip


def _errors(values: Sequence[float], lows: Sequence[float], highs: Sequence[float]) -> list:
    below = [
        _finite(v - lo) if math.isfinite(lo) else 0 for v, lo in zip(values, lows, strict=True)
    ]
    above = [
        _finite(hi - v) if math.isfinite(hi) else 0 for v, hi in zip(values, highs, strict=True)
    ]
    return [below, above]


def arms_plot(report: ExperimentReport) -> bytes:
    """Every metric, the arms side by side with 95% confidence intervals."""
    names = list(report.arms)
    figure = Figure(figsize=(13, 6.2), dpi=100, layout="constrained")
    axes = figure.subplots(2, 4).ravel()
    for ax, metric in zip(axes, METRICS, strict=False):
        rows = {r.arm: r for r in report.rows if r.metric == metric.name}
        values = [rows[n].estimate.value for n in names]
        lows = [rows[n].estimate.low for n in names]
        highs = [rows[n].estimate.high for n in names]
        scale = 100 if metric.kind == "rate" else 1
        errors = _errors([_finite(v) for v in values], lows, highs)
        _bars(ax, names, [v * scale for v in values], [[e * scale for e in s] for s in errors])
        unit = {"rate": "%", "money": "$", "count": "turns"}[metric.kind]
        ax.set_title(f"{metric.name} ({unit})", fontsize=10)
        ax.tick_params(axis="x", labelrotation=20, labelsize=8)
    axes[-1].axis("off")
    figure.suptitle(f"{report.experiment.key}: arms with 95% confidence intervals")
    return _png(figure)


def lift_plot(report: ExperimentReport) -> bytes:
    """Revenue per unit, each arm minus the control, over time, with its 95% interval."""
    return _png(lift_figure(report))


def lift_figure(report: ExperimentReport) -> Figure:
    """The figure of :func:`lift_plot`; the date axis spans the data only."""
    figure = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    ax = figure.subplots()
    drawn: list[datetime] = []
    for i, (arm, points) in enumerate(report.lift_over_time.items()):
        color = _COLORS[(i + 1) % len(_COLORS)]
        measured = [(t, c) for t, c in points if math.isfinite(c.difference)]
        if not measured:
            continue
        times = [t for t, _ in measured]
        diffs = [c.difference for _, c in measured]
        lows = [c.low if math.isfinite(c.low) else c.difference for _, c in measured]
        highs = [c.high if math.isfinite(c.high) else c.difference for _, c in measured]
        ax.plot(times, diffs, marker="o", color=color, label=f"{arm} − {report.experiment.control}")
        ax.fill_between(times, lows, highs, color=color, alpha=0.2)
        if len(times) == 1:  # a band of no width: draw the interval as an error bar
            yerr = [[diffs[0] - lows[0]], [highs[0] - diffs[0]]]
            ax.errorbar(times, diffs, yerr=yerr, color=color, capsize=6)
        drawn += times
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("revenue per unit difference ($)")
    ax.set_title("Lift over time (cumulative, 95% CI)")
    if drawn:
        ax.legend()
        _date_axis(ax, min(drawn), max(drawn))
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no data: fewer than two units in an arm", transform=ax.transAxes,
                ha="center", va="center", color="#6b7280")  # fmt: skip
    return figure


def _date_axis(ax: Axes, first: datetime, last: datetime) -> None:
    """Limit the x axis to the data's span (an hour either side of a single point)."""
    pad = (last - first) * 0.03 if last > first else timedelta(hours=1)
    ax.set_xlim(first - pad, last + pad)
    locator = dates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))


def funnel_plot(report: ExperimentReport) -> bytes:
    """Add-on offers shown → accepted → bought, per arm."""
    figure = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    ax = figure.subplots()
    stages = ("shown", "accepted", "bought")
    width = 0.8 / max(len(report.funnel), 1)
    for i, (arm, counts) in enumerate(report.funnel.items()):
        positions = [s + i * width for s in range(len(stages))]
        ax.bar(positions, counts, width, label=arm, color=_COLORS[i % len(_COLORS)])
    ax.set_xticks([s + 0.4 - width / 2 for s in range(len(stages))], stages)
    ax.set_ylabel("add-on offers")
    ax.set_title("Offer funnel")
    ax.legend()
    return _png(figure)


def addons_plot(report: ExperimentReport) -> bytes:
    """The add-ons that earned the most accepted revenue."""
    figure = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    ax = figure.subplots()
    items = list(reversed(report.top_addons))
    ax.barh([name for name, _, _ in items], [revenue for _, _, revenue in items], color=_COLORS[1])
    ax.set_xlabel("accepted revenue ($)")
    ax.set_title("Top add-ons by accepted revenue" if items else "No add-on accepted yet")
    return _png(figure)


def retention_plot(report: ExperimentReport) -> bytes:
    """Save rate by retention offer kind, with 95% Wilson intervals."""
    figure = Figure(figsize=(6, 4), dpi=100, layout="constrained")
    ax = figure.subplots()
    kinds = [k.label for k in report.retention]
    values = [k.rate.value for k in report.retention]
    errors = _errors(
        [_finite(v) for v in values],
        [k.rate.low for k in report.retention],
        [k.rate.high for k in report.retention],
    )
    _bars(ax, kinds, [v * 100 for v in values], [[e * 100 for e in s] for s in errors])
    for x, k in enumerate(report.retention):
        if k.attempts:
            ax.annotate(f"saved {k.saved} of {k.attempts}", (x, 2), ha="center", fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_ylabel("save rate (%)")
    shown = any(k.attempts for k in report.retention)
    ax.set_title("Cancel save rate by retention offer" + ("" if shown else " (none made yet)"))
    return _png(figure)


PLOTS = {
    "arms": arms_plot,
    "lift": lift_plot,
    "funnel": funnel_plot,
    "addons": addons_plot,
    "retention": retention_plot,
}
