"""Offer experiments on a running stack: a small A/A/B run of the shopper simulator.

The stack of this module runs with an A/A/B experiment (``control`` and ``copy`` identical,
``brief`` with the brief reason wording) and a server key. Synthetic shoppers chat over REST
and check out through the shop API; the report must then find no difference in the A/A
pair, detect the large simulated effect in the A/B pair, and see no sample-ratio mismatch.
The shoppers' choices are seeded, so the run is the same every time. ``/admin/report`` is
tried as an attacker would, then with the key.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select, update

from bot.launcher import Stack, free_port
from bot.services.seed import seed_demo
from bot.services.shop import build_shop
from bot.store.tables import ExposureRow, OrderRow, ProductRow
from tests.live.helpers import LOCAL_RUNNER_LIMITS
from tests.live.stacks import MODEL

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import simulate_shoppers  # noqa: E402

SECRET = "experiments-live-secret"
SERVER_KEY = "experiments-live-server-key-0123456789"
SHOPPERS = 60


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, str]]:
    """A stack of its own, with the simulator's experiment configured; stopped afterwards."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does)")
    folder = tmp_path_factory.mktemp("experiments")
    db_url = f"sqlite:///{folder / 'shop.db'}"
    shop = build_shop(db_url, SECRET)
    seed_demo(shop)
    with shop.session_factory.begin() as session:  # the shoppers buy more than the demo stocks
        session.execute(update(ProductRow).values(stock=100_000))
    shop.engine.dispose()
    config = folder / "experiments.yml"
    now = datetime.now(timezone.utc)
    config.write_text(yaml.safe_dump({"experiments": [simulate_shoppers.sim_config(now)]}))
    running = Stack(
        db_url=db_url,
        model=MODEL,
        shop_port=free_port(),
        rasa_port=free_port(),
        action_port=free_port(),
        log_dir=folder / "logs",
        env={
            "SHOP_SECRET": SECRET,
            "SHOP_EXPERIMENTS": str(config),
            "SHOP_API_KEY": SERVER_KEY,
            **LOCAL_RUNNER_LIMITS,  # the simulated shoppers all come from 127.0.0.1
        },
    )
    running.start()
    try:
        yield running, db_url
    finally:
        running.stop()


def _get(url: str, key: str | None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"} if key else {})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_small_aab_run_is_calibrated_and_attributed(stack: tuple[Stack, str]) -> None:
    running, db_url = stack
    args = argparse.Namespace(
        rasa=f"http://127.0.0.1:{running.rasa_port}",
        shop=running.shop_url,
        db=db_url,
        api_key=SERVER_KEY,
        tag="live",
        concurrency=3,
        runs=1,
        shoppers=SHOPPERS,
        accept_data=0.2,
        accept_brief=0.85,
        seed=7,
        min_units=10,
        min_orders=10,
    )

    result = simulate_shoppers.run_live(args)

    assert result["offered"] == SHOPPERS  # every shopper's main item carried an offer
    assert result["reported"] == result["tally"]  # the store attributes what each arm did
    assert all(n >= 10 for n in result["units"].values()), result["units"]
    assert result["srm_p"] >= 0.001
    assert result["A/A"]["attach rate"][1] == "no significant difference", result
    assert result["A/B"]["attach rate"][1] == "higher", result
    assert result["A/B"]["offer acceptance rate"][1] == "higher", result
    store = build_shop(db_url, SECRET)
    with store.session_factory.begin() as session:
        exposures = session.scalars(select(ExposureRow).where(ExposureRow.experiment == "sim-aab"))
        exposed = {e.conversation_id for e in exposures}
        orders = session.scalars(select(OrderRow).where(OrderRow.experiment == "sim-aab")).all()
        assert len(exposed) == SHOPPERS
        assert len(orders) == SHOPPERS and {o.experiment_unit for o in orders} == exposed
    store.engine.dispose()


def test_admin_report_refuses_attackers_and_serves_the_key_holder(stack: tuple[Stack, str]) -> None:
    running, _ = stack
    url = f"{running.shop_url}/admin/report?experiment=sim-aab"
    cart = simulate_shoppers._post(f"{running.shop_url}/api/carts", {})  # anyone's anonymous cart

    for key in (None, "wrong-key", cart["token"], SERVER_KEY + "x", SERVER_KEY[:-1]):
        status, body = _get(url, key)
        assert status == 401, (key, status)
        assert "sim-aab" not in body

    status, page = _get(url, SERVER_KEY)
    assert status == 200
    assert "<h2>sim-aab</h2>" in page
    assert page.count('src="data:image/png;base64,') == 5
