"""The report's plots, each rendered to PNG bytes with matplotlib's Agg canvas (no pyplot)."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

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
        values = [_finite(rows[n].estimate.value) for n in names]
        lows = [rows[n].estimate.low for n in names]
        highs = [rows[n].estimate.high for n in names]
        scale = 100 if metric.kind == "rate" else 1
        ax.bar(
            names,
            [v * scale for v in values],
            yerr=[[e * scale for e in side] for side in _errors(values, lows, highs)],
            capsize=5,
            color=[_COLORS[i % len(_COLORS)] for i in range(len(names))],
        )
        unit = {"rate": "%", "money": "$", "count": "turns"}[metric.kind]
        ax.set_title(f"{metric.name} ({unit})", fontsize=10)
        ax.tick_params(axis="x", labelrotation=20, labelsize=8)
    axes[-1].axis("off")
    figure.suptitle(f"{report.experiment.key}: arms with 95% confidence intervals")
    return _png(figure)


def lift_plot(report: ExperimentReport) -> bytes:
    """Revenue per unit, each arm minus the control, over time, with its 95% interval."""
    figure = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    ax = figure.subplots()
    for i, (arm, points) in enumerate(report.lift_over_time.items()):
        color = _COLORS[(i + 1) % len(_COLORS)]
        times = [t for t, _ in points]
        diffs = [_finite(c.difference) for _, c in points]
        lows = [
            c.low if math.isfinite(c.low) else d for (_, c), d in zip(points, diffs, strict=True)
        ]
        highs = [
            c.high if math.isfinite(c.high) else d for (_, c), d in zip(points, diffs, strict=True)
        ]
        ax.plot(times, diffs, marker="o", color=color, label=f"{arm} − {report.experiment.control}")
        ax.fill_between(times, lows, highs, color=color, alpha=0.2)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("revenue per unit difference ($)")
    ax.set_title("Lift over time (cumulative, 95% CI)")
    if report.lift_over_time:
        ax.legend()
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    return _png(figure)


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
    kinds = [k.kind.replace("retention_", "") for k in report.retention]
    values = [_finite(k.rate.value) for k in report.retention]
    errors = _errors(
        values, [k.rate.low for k in report.retention], [k.rate.high for k in report.retention]
    )
    ax.bar(kinds, [v * 100 for v in values], yerr=[[e * 100 for e in s] for s in errors], capsize=6,
           color=_COLORS[2])  # fmt: skip
    for x, k in enumerate(report.retention):
        ax.annotate(f"saved {k.accepted} of {k.shown}", (x, 2), ha="center", fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_ylabel("save rate (%)")
    shown = any(k.shown for k in report.retention)
    ax.set_title("Cancel save rate by retention offer" + ("" if shown else " (none made yet)"))
    return _png(figure)


PLOTS = {
    "arms": arms_plot,
    "lift": lift_plot,
    "funnel": funnel_plot,
    "addons": addons_plot,
    "retention": retention_plot,
}
