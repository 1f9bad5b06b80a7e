"""The report's retention block: save rate per kind, every pair compared, the verdict in words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from bot.domain.retention_stats import KindPair, KindSaves, best_kind, format_p

_HEAD = (
    "retention offer",
    "attempts",
    "saved",
    "save rate",
    "95% CI",
)
_PAIR_HEAD = (
    "comparison",
    "difference",
    "95% CI of difference",
    "p",
    "Holm-adjusted p",
    "verdict",
)
_CLASS = {"more": "higher"}


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%" if math.isfinite(value) else '<span class="nodata">no data</span>'


def _kind_row(kind: KindSaves) -> str:
    rate = kind.rate
    ci = f"[{rate.low * 100:.1f}%, {rate.high * 100:.1f}%]" if math.isfinite(rate.low) else "–"
    cells = [escape(kind.label), str(kind.attempts), str(kind.saved), _percent(rate.value), ci]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _pair_row(pair: KindPair) -> str:
    cmp = pair.comparison
    words = f"{pair.first.label} saves more" if pair.verdict == "more" else pair.verdict
    cells = [
        escape(f"{pair.first.label} vs {pair.second.label}"),
        f"{cmp.difference * 100:+.1f} pts",
        f"[{cmp.low * 100:+.1f}, {cmp.high * 100:+.1f}] pts",
        escape(format_p(cmp.p_value)),
        escape(format_p(pair.adjusted_p)),
        f'<span class="{_CLASS.get(pair.verdict, "")}">{escape(words)}</span>',
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _table(head: Sequence[str], rows: str) -> str:
    cells = "".join(f"<th>{h}</th>" for h in head)
    return f"<table><tr>{cells}</tr>{rows}</table>"


def _verdict(pairs: Sequence[KindPair], kinds: Sequence[KindSaves]) -> str:
    offered = [k.label for k in kinds if k.attempts]
    missing = [k.label for k in kinds if not k.attempts]
    if len(offered) < 2:
        made = f"only the {offered[0]} was offered" if offered else "no retention offer was made"
        return f"<p>Nothing to compare yet: {escape(made)} in this experiment's data.</p>"
    best = best_kind(pairs, kinds)
    lead = f"<p><b>{escape(best)} saves the most cancellations.</b></p>" if best else ""
    items = "".join(f"<li>{escape(p.sentence())}</li>" for p in pairs)
    note = f"<p>Not offered: {escape(', '.join(missing))}.</p>" if missing else ""
    return f"{lead}<ul>{items}</ul>{note}"


def retention_block(kinds: Sequence[KindSaves], pairs: Sequence[KindPair]) -> str:
    """The block's HTML: per-kind table, pairwise table, and the verdict sentences."""
    n = len(pairs)
    method = (
        "Save rate = cancellation attempts saved / attempts where the kind was offered (one "
        "per unit, every arm of the experiment). A kind is randomised only between arms whose "
        "retention setting differs."
    )
    if pairs:
        method += (
            " Each pair: difference with Newcombe's 95% interval and test; p-values "
            f"Holm-corrected over the {n} pair{'s' if n != 1 else ''} compared."
        )
    body = _table(_HEAD, "".join(_kind_row(k) for k in kinds))
    if pairs:
        body += _table(_PAIR_HEAD, "".join(_pair_row(p) for p in pairs))
    return (
        "<h3>Which retention offer saves more cancellations</h3>"
        f"{_verdict(pairs, kinds)}{body}<p>{escape(method)}</p>"
    )
