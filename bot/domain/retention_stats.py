"""Which retention offer saves more cancellations: every pair of kinds, Holm-corrected.

Pure statistics, no I/O. A kind's **save rate** is the cancellation attempts it saved over
the cancellation attempts where it was offered (one attempt per unit: its first cancel
request). Every pair of kinds that were offered at least once is compared with Newcombe's
interval and test (:func:`bot.domain.experiment_stats.two_proportion_test`); with three kinds
that is three tests, so the p-values get Holm's step-down correction (family-wise error at
``ALPHA``) before a verdict is given. A pair below the minimum number of attempts in either
kind says "not enough data", as the per-arm comparisons do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from bot.domain.experiment_stats import (
    ALPHA,
    Comparison,
    Estimate,
    two_proportion_test,
    wilson_interval,
)
from bot.domain.models import OfferKind

KINDS = (
    OfferKind.RETENTION_PLAN.value,
    OfferKind.RETENTION_PAUSE.value,
    OfferKind.RETENTION_DISCOUNT.value,
)
LABELS = {
    OfferKind.RETENTION_PLAN.value: "cheaper plan",
    OfferKind.RETENTION_PAUSE.value: "pause",
    OfferKind.RETENTION_DISCOUNT.value: "discount",
}
MIN_ATTEMPTS = 30  # per kind, before a pair gets a verdict (as the per-arm minimum of orders)


@dataclass(frozen=True)
class KindSaves:
    """Save rate of one retention offer kind.

    Attributes:
        kind: The offer kind (``retention_plan``, ``retention_pause``, ``retention_discount``).
        attempts: Cancellation attempts where this kind was offered.
        saved: Those of them where the subscriber took the offer.
        rate: ``saved / attempts`` with its 95% Wilson interval (NaN without attempts).
    """

    kind: str
    attempts: int
    saved: int
    rate: Estimate

    @property
    def label(self) -> str:
        """The kind in words ("cheaper plan", "pause", "discount")."""
        return LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class KindPair:
    """``first`` minus ``second`` (``first`` had the higher observed rate, or came first).

    Attributes:
        first / second: The two kinds compared.
        comparison: Difference of save rates, its 95% Newcombe interval and raw p-value.
        adjusted_p: Holm-adjusted p-value over every pair compared.
        verdict: "more", "no significant difference" or "not enough data".
    """

    first: KindSaves
    second: KindSaves
    comparison: Comparison
    adjusted_p: float
    verdict: str

    def sentence(self) -> str:
        """The verdict in plain words, with the difference, its interval and the p-value."""
        cmp = self.comparison
        figures = (
            f"{cmp.difference * 100:+.1f} pts [{cmp.low * 100:+.1f}, {cmp.high * 100:+.1f}], "
            f"Holm-adjusted p {_relation(self.adjusted_p)}"
        )
        a, b = self.first.label, self.second.label
        if self.verdict == "more":
            return f"{a} saves more than {b}: {figures}"
        if self.verdict == "not enough data":
            return (
                f"not enough data to compare {a} and {b} (each needs ≥ {MIN_ATTEMPTS} attempts; "
                f"{self.first.attempts} and {self.second.attempts}): {figures}"
            )
        return f"no significant difference between {a} and {b}: {figures}"


def format_p(value: float) -> str:
    """A p-value for a sentence: four decimals, or "< 0.0001"."""
    if not math.isfinite(value):
        return "–"
    return "< 0.0001" if value < 0.0001 else f"{value:.4f}"


def _relation(value: float) -> str:
    """``"= 0.0123"`` or ``"< 0.0001"``, to follow a "p"."""
    text = format_p(value)
    return text if text.startswith("<") else f"= {text}"


def holm_adjust(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the input order.

    Sorted ascending, ``p_adj(i) = max over j ≤ i of min(1, (m − j + 1) · p(j))`` (1-based
    ``i``, ``m`` tests); a test is significant at ``alpha`` exactly when Holm's procedure
    rejects it. NaN p-values are left NaN and are not counted in ``m``.
    """
    finite = sorted((p, i) for i, p in enumerate(p_values) if math.isfinite(p))
    adjusted = [math.nan] * len(p_values)
    running, m = 0.0, len(finite)
    for rank, (p, index) in enumerate(finite):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[index] = running
    return adjusted


def tally_kinds(attempts: Iterable[tuple[str, bool]]) -> list[KindSaves]:
    """Save rate per kind (every kind, in :data:`KINDS` order) from ``(kind, saved)`` pairs."""
    counts = {kind: [0, 0] for kind in KINDS}
    for kind, saved in attempts:
        if kind in counts:
            counts[kind][0] += 1
            counts[kind][1] += bool(saved)
    return [KindSaves(k, n, s, wilson_interval(s, n)) for k, (n, s) in counts.items()]


def _oriented(a: KindSaves, b: KindSaves) -> tuple[KindSaves, KindSaves]:
    """The pair with the higher observed save rate first (ties keep the given order)."""
    return (b, a) if b.rate.value > a.rate.value else (a, b)


def compare_kinds(
    kinds: Sequence[KindSaves], minimum: int = MIN_ATTEMPTS, alpha: float = ALPHA
) -> list[KindPair]:
    """Every pair of kinds offered at least once, Holm-corrected over those pairs.

    A pair is "more" when its Holm-adjusted p-value is below ``alpha`` (then the raw p is
    too, so its 95% interval excludes 0) and both kinds have ``minimum`` attempts.
    """
    present = [k for k in kinds if k.attempts > 0]
    pairs = [_oriented(a, b) for a, b in combinations(present, 2)]
    tests = [
        two_proportion_test(second.saved, second.attempts, first.saved, first.attempts)
        for first, second in pairs
    ]
    adjusted = holm_adjust([t.p_value for t in tests])
    result = []
    for (first, second), test, p in zip(pairs, tests, adjusted, strict=True):
        if min(first.attempts, second.attempts) < minimum:
            verdict = "not enough data"
        elif p < alpha and test.significant(alpha) and test.difference > 0:
            verdict = "more"
        else:
            verdict = "no significant difference"
        result.append(KindPair(first, second, test, p, verdict))
    return result


def best_kind(pairs: Sequence[KindPair], kinds: Sequence[KindSaves]) -> str | None:
    """The one kind that saves significantly more than every other offered kind, if any."""
    present = [k.kind for k in kinds if k.attempts > 0]
    if len(present) < 2:
        return None
    for kind in present:
        wins = sum(p.first.kind == kind and p.verdict == "more" for p in pairs)
        if wins == len(present) - 1:
            return LABELS.get(kind, kind)
    return None
