"""Which retention offer saves more: three arms offer the three kinds, the report compares all.

Subscribers cancel through the real chat flows in a customer experiment whose arms prefer
the cheaper plan, the pause and the discount; the test decides each answer by kind (every
pause taken, every other discount taken, no cheaper plan taken), keeps its own tally, and the
report must show exactly that: a row per kind, a row per pair, and the verdict in words.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

from bot.chat.cancel import cancel_subscription, confirm_cancel
from bot.chat.replies import ChatContext
from bot.chat.selling import accept_offer
from bot.domain.experiment_stats import MinimumSample
from bot.domain.experiments import parse_experiments
from bot.domain.retention_stats import holm_adjust
from bot.report.html import write_report
from bot.services.experiment_report import build_reports
from bot.services.experiments import register_experiments
from bot.services.subscriptions import create_subscription

SUBSCRIBERS = 45
RESPONSES = {
    "utter_offer_retention_plan": "retention_plan",
    "utter_offer_retention_pause": "retention_pause",
    "utter_offer_retention_discount": "retention_discount",
}


def _experiment():
    now = datetime.now(timezone.utc)
    entry = {
        "key": "retention-kinds",
        "unit": "customer",
        "start": (now - timedelta(days=1)).isoformat(),
        "stop": (now + timedelta(days=9)).isoformat(),
        "variants": [
            {"name": name, "weight": 1, "settings": {"retention": name}}
            for name in ("cheaper_plan", "pause", "discount")
        ],
    }
    return parse_experiments({"experiments": [entry]})[0]


def _cancel_all(shop) -> Counter:
    tally: Counter = Counter()
    for i in range(SUBSCRIBERS):
        _, token = create_subscription(shop, f"subscriber-{i}", "care-premium")
        ctx = ChatContext(f"conv-{i}", token)
        kind = RESPONSES[cancel_subscription(shop, ctx)[0].response]
        tally[kind, "attempts"] += 1
        take = kind == "retention_pause" or (
            kind == "retention_discount" and tally[kind, "attempts"] % 2 == 1
        )
        (accept_offer if take else confirm_cancel)(shop, ctx)
        tally[kind, "saved"] += take
    return tally


def test_the_report_compares_every_pair_of_kinds_with_holm_and_says_which_saves_more(
    shop, tmp_path: Path
) -> None:
    register_experiments(shop.session_factory, [_experiment()])
    tally = _cancel_all(shop)
    assert all(tally[k, "attempts"] >= 8 for k in RESPONSES.values()), tally

    (report,) = build_reports(shop, "retention-kinds", minimum=MinimumSample(units=5, orders=5))

    assert [(k.kind, k.attempts, k.saved) for k in report.retention] == [
        (k, tally[k, "attempts"], tally[k, "saved"])
        for k in ("retention_plan", "retention_pause", "retention_discount")
    ]
    assert sum(a.cancel_saved for a in report.arms.values()) == sum(
        tally[k, "saved"] for k in RESPONSES.values()
    )
    pairs = {(p.first.label, p.second.label): p for p in report.retention_pairs}
    assert set(pairs) == {("pause", "discount"), ("pause", "cheaper plan"),
                          ("discount", "cheaper plan")}  # fmt: skip
    raw = [p.comparison.p_value for p in report.retention_pairs]
    assert [p.adjusted_p for p in report.retention_pairs] == holm_adjust(raw)
    # every pause taken vs no cheaper plan taken: significant at any of these sizes
    assert pairs["pause", "cheaper plan"].verdict == "more"

    write_report([report], tmp_path)

    page = (tmp_path / "index.html").read_text()
    assert "Which retention offer saves more cancellations" in page
    for label, kind in (("cheaper plan", "retention_plan"), ("pause", "retention_pause")):
        row = f"<tr><td>{label}</td><td>{tally[kind, 'attempts']}</td><td>{tally[kind, 'saved']}"
        assert row in page
    assert "<td>pause vs cheaper plan</td><td>+100.0 pts</td>" in page
    assert "pause saves more than cheaper plan: +100.0 pts [" in page
    for pair in report.retention_pairs:
        assert escape(pair.sentence()) in page
    assert "Holm-corrected over the 3 pairs compared" in page


def test_an_experiment_with_one_kind_says_there_is_nothing_to_compare(shop, tmp_path) -> None:
    exp = _experiment()
    register_experiments(shop.session_factory, [exp])
    _, token = create_subscription(shop, "only-one", "care-premium")
    cancel_subscription(shop, ChatContext("conv-only", token))

    (report,) = build_reports(shop, "retention-kinds")
    write_report([report], tmp_path)

    assert report.retention_pairs == []
    page = (tmp_path / "index.html").read_text()
    assert "Nothing to compare yet: only the " in page and " was offered" in page
