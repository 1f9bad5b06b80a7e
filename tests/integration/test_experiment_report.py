"""The experiment report on a fixture store made by the chat flows, its files, CLI and route.

90 seeded shoppers run through the real chat flows in a three-arm customer experiment
(holdout, offers, pause-retention with brief wording); the test keeps its own tally of what
each arm did and the report must show exactly that.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from matplotlib import dates
from sqlalchemy import update

from bot.api.app import create_app
from bot.chat.cancel import cancel_subscription, confirm_cancel
from bot.chat.cart import add_item
from bot.chat.replies import ChatContext
from bot.chat.selling import accept_offer, decline_offer
from bot.cli import main
from bot.domain.experiments import assign, parse_experiments
from bot.report.html import write_report
from bot.report.plots import PLOTS, lift_figure
from bot.services.cart import create_cart
from bot.services.experiment_report import build_reports
from bot.services.experiments import register_experiments
from bot.services.orders import place_order
from bot.services.shop import Shop, build_shop
from bot.services.subscriptions import create_subscription
from bot.store.repositories import CartRepository
from bot.store.tables import ProductRow
from tests.conftest import SECRET

SHOPPERS = 90
ITEMS = ("Aria Phone 256 GB", "snap camera entry", "nova lite phone")


def _experiment():
    now = datetime.now(timezone.utc)
    entry = {
        "key": "holdout-test",
        "unit": "customer",
        "start": (now - timedelta(days=1)).isoformat(),
        "stop": (now + timedelta(days=9)).isoformat(),
        "control": "holdout",
        "variants": [
            {"name": "holdout", "weight": 1, "settings": {"offers": False}},
            {"name": "offers", "weight": 1},
            {
                "name": "pause",
                "weight": 1,
                "settings": {"retention": "pause", "reason_style": "brief"},
            },
        ],
    }
    return parse_experiments({"experiments": [entry]})[0]


def run_shoppers(shop: Shop) -> Counter:
    """Drive the chat flows; returns the tally per ``(variant, what)``."""
    exp = _experiment()
    register_experiments(shop.session_factory, [exp])
    with shop.session_factory.begin() as session:
        session.execute(update(ProductRow).values(stock=100_000))
    rng, tally = random.Random(5), Counter()
    for i in range(SHOPPERS):
        cart_id, token = create_cart(shop, f"shopper-{i}")
        ctx = ChatContext(f"conv-{i}", token)
        replies = add_item(shop, ctx, ITEMS[i % 3], None)
        with shop.session_factory.begin() as session:
            variant = assign(exp, str(CartRepository(session).get(cart_id).customer_id)).name
        tally[variant, "units"] += 1
        if len(replies) > 1:
            tally[variant, "shown"] += 1
            accepted = rng.random() < 0.4
            (accept_offer if accepted else decline_offer)(shop, ctx)
            tally[variant, "accepted"] += accepted
        placed = place_order(shop, cart_id)
        tally[variant, "revenue"] += placed.subtotal
        if i % 3 == 0:
            _, sub_token = create_subscription(shop, f"shopper-{i}", "care-premium")
            cancel_ctx = ChatContext(f"conv-{i}-cancel", sub_token)
            tally[variant, "cancels"] += 1
            if cancel_subscription(shop, cancel_ctx)[0].response.startswith("utter_offer"):
                saved = rng.random() < 0.5
                (accept_offer if saved else confirm_cancel)(shop, cancel_ctx)
                tally[variant, "saved"] += saved
    return tally


@pytest.fixture(scope="module")
def reported(
    seeded_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Shop, Counter]]:
    """One fixture store for the module (the tests only read it)."""
    path = tmp_path_factory.mktemp("report") / "shop.db"
    for suffix in ("", "-wal", "-shm"):
        source = seeded_template.with_name(seeded_template.name + suffix)
        if source.exists():
            shutil.copy(source, path.with_name(path.name + suffix))
    shop = build_shop(f"sqlite:///{path}", SECRET)
    yield shop, run_shoppers(shop)
    shop.engine.dispose()


def test_the_report_counts_what_each_arm_did(reported) -> None:
    shop, tally = reported

    (report,) = build_reports(shop, "holdout-test")

    for name, arm in report.arms.items():
        assert arm.units == tally[name, "units"]
        assert arm.order_count == tally[name, "units"]
        assert arm.offers_shown == tally[name, "shown"]
        assert arm.offers_accepted == tally[name, "accepted"]
        assert arm.orders_with_addon == tally[name, "accepted"]
        assert sum(arm.revenue) / 100 == pytest.approx(float(tally[name, "revenue"]))
        assert arm.cancel_units == tally[name, "cancels"]
        assert arm.cancel_saved == tally[name, "saved"]
        assert report.funnel[name] == (
            tally[name, "shown"],
            tally[name, "accepted"],
            tally[name, "accepted"],
        )
    assert report.arms["holdout"].offers_shown == 0 and report.arms["holdout"].cancel_turns
    assert set(report.arms["holdout"].cancel_turns) == {1.0}
    assert (
        sum(k.attempts for k in report.retention)
        == tally["offers", "cancels"] + tally["pause", "cancels"]
    )
    assert report.srm.observed == {n: tally[n, "units"] for n in ("holdout", "offers", "pause")}
    verdicts = {r.verdict for r in report.rows if r.comparison is not None}
    assert verdicts <= {"not enough data", "not measurable"}  # 30 units per arm < 100


def test_the_report_files_hold_every_plot_and_metric(reported, tmp_path: Path) -> None:
    shop, _ = reported

    written = write_report(build_reports(shop), tmp_path)

    page = (tmp_path / "index.html").read_text()
    assert written[0] == tmp_path / "index.html"
    for name in PLOTS:
        png = tmp_path / f"holdout-test-{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f'src="holdout-test-{name}.png"' in page
    for metric in ("attach rate", "AOV", "revenue per unit", "cancel save rate", "free-shipping"):
        assert metric in page
    assert "not enough data" in page and "No sample-ratio mismatch" in page
    assert "Which retention offer saves more cancellations" in page
    (pair,) = build_reports(shop)[0].retention_pairs  # the cheaper plan and the pause only
    assert {pair.first.label, pair.second.label} == {"pause", "cheaper plan"}
    assert pair.verdict == "not enough data" and escape(pair.sentence()) in page
    assert "Not offered: discount." in page


def test_the_report_command(reported, tmp_path: Path, capsys) -> None:
    shop, _ = reported
    url = str(shop.engine.url)

    assert (
        main(["--db", url, "report", "--experiment", "holdout-test", "--out", str(tmp_path)]) == 0
    )
    assert (tmp_path / "holdout-test-arms.png").exists()
    assert main(["--db", url, "report", "--experiment", "nope", "--out", str(tmp_path)]) == 2
    assert main(["--db", url, "report", "--since", "yesterday", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no experiment 'nope'" in err and "--since needs a date" in err


def test_since_leaves_out_older_data(reported) -> None:
    shop, _ = reported

    (report,) = build_reports(shop, since=datetime.now(timezone.utc) + timedelta(minutes=1))

    assert all(arm.units == 0 for arm in report.arms.values())


def _admin(
    shop: Shop, headers: dict[str, str], api_key: str | None = None, query: str = ""
) -> tuple[int, str]:
    async def go() -> tuple[int, str]:
        async with TestClient(TestServer(create_app(shop, api_key=api_key))) as client:
            response = await client.get(f"/admin/report{query}", headers=headers)
            return response.status, await response.text()

    return asyncio.run(go())


def test_admin_report_needs_the_server_key(reported, new_cart) -> None:
    shop, _ = reported
    _, cart_token = new_cart(shop)

    for headers in (
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {cart_token}"},
        {"Authorization": "Basic s3rver-key"},
        {"Authorization": "s3rver-key"},
    ):
        status, body = _admin(shop, headers, api_key="s3rver-key")
        assert status == 401 and body.startswith('{"error"'), headers

    status, page = _admin(shop, {"Authorization": "Bearer s3rver-key"}, api_key="s3rver-key")
    assert status == 200 and "holdout-test" in page
    assert page.count("data:image/png;base64,") == len(PLOTS)


def test_admin_report_is_refused_when_no_key_is_configured(reported) -> None:
    shop, _ = reported

    assert _admin(shop, {})[0] == 401
    assert _admin(shop, {"Authorization": "Bearer "})[0] == 401
    assert _admin(shop, {"Authorization": "Bearer anything"})[0] == 401


def test_admin_report_names_the_since_query_parameter(reported) -> None:
    shop, _ = reported
    auth = {"Authorization": "Bearer s3rver-key"}

    for query in ("?since=garbage", "?since=2026-13-01", "?since=" + "x" * 500):
        status, body = _admin(shop, auth, api_key="s3rver-key", query=query)
        assert status == 400 and body.startswith('{"error"'), query
        assert "'since' query parameter" in body and "--since" not in body
        assert len(body) < 200  # the input is echoed shortened
    status, page = _admin(shop, auth, api_key="s3rver-key", query="?since=2020-01-01")
    assert status == 200 and "holdout-test" in page


def test_the_lift_plot_date_axis_spans_the_data(reported) -> None:
    shop, _ = reported
    (report,) = build_reports(shop)
    times = [t for points in report.lift_over_time.values() for t, _ in points]

    axes = lift_figure(report).axes[0]

    low, high = (dates.num2date(x) for x in axes.get_xlim())
    assert min(times) - timedelta(hours=1) <= low <= min(times)
    assert max(times) <= high <= max(times) + timedelta(hours=1)  # minutes of data here


@pytest.fixture
def future_store(seeded_template: Path, tmp_path: Path) -> Iterator[Shop]:
    """A store whose only experiment starts tomorrow (so nothing is collected yet)."""
    path = tmp_path / "shop.db"
    for suffix in ("", "-wal", "-shm"):
        source = seeded_template.with_name(seeded_template.name + suffix)
        if source.exists():
            shutil.copy(source, path.with_name(path.name + suffix))
    shop = build_shop(f"sqlite:///{path}", SECRET)
    exp = _experiment()
    future = dataclasses.replace(exp, start=exp.stop - timedelta(days=1))
    register_experiments(shop.session_factory, [future])
    yield shop
    shop.engine.dispose()


def test_a_future_experiment_says_so_and_shows_no_data_not_zeros(future_store, tmp_path) -> None:
    (report,) = build_reports(future_store)
    assert all(arm.units == 0 for arm in report.arms.values())

    write_report([report], tmp_path)

    page = (tmp_path / "index.html").read_text()
    heading = page.index("<h2>holdout-test</h2>")
    assert page.index("Not started yet", heading) < page.index("Unit:", heading)
    assert "collects no data until then" in page
    assert page.count("no data</span>") == 3 * 7 + 3  # every metric of every arm, every kind
    assert "$0.00" not in page and "0.0%" not in page
    for name in PLOTS:
        assert (tmp_path / f"holdout-test-{name}.png").read_bytes()[:4] == b"\x89PNG"
