"""Synthetic shoppers with known acceptance probabilities, to check the experiment report.

``live``: drives a running stack: each shopper makes a cart through the shop API, says "add
the <main item>" over Rasa's REST channel, answers the unsolicited offer "yes" with a known
probability that depends on the offer's wording, and checks out through the shop API. The
stack must run with an A/A/B experiment (``config`` prints it: ``control`` and
``copy`` identical, ``brief`` with the brief reason wording). The report's verdicts are then
read from the store (``--db``) for the data since the run started.

``offline``: the same shopper model without the stack, many runs, to measure the false-positive
rate of the A/A comparison and the power of the A/B one with the report's own metrics code
(:func:`bot.domain.experiment_metrics.compare_arms`) and the real hash assignment.

    python bench/simulate_shoppers.py config > var/experiments.sim.yml
    SHOP_EXPERIMENTS=var/experiments.sim.yml python -m bot up     # (another terminal)
    python bench/simulate_shoppers.py live --rasa http://127.0.0.1:5005 \
        --shop http://127.0.0.1:8000 --db sqlite:///var/shop.db --shoppers 300
    python bench/simulate_shoppers.py offline --runs 1000 --shoppers 3000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import yaml
from common import ROOT, table

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.domain.experiment_metrics import ArmData, compare_arms  # noqa: E402
from bot.domain.experiment_stats import MinimumSample  # noqa: E402
from bot.domain.experiments import Experiment, assign, parse_experiments  # noqa: E402

KEY = "sim-aab"
MAIN_ITEMS = (
    ("Aria Phone 256 GB", 79900),
    ("Snap Camera Entry", 44900),
    ("Orbit Laptop 13-inch", 109900),
)
ADDON_PRICE = 1900  # offline mode: a typical accessory (the Clear Phone Case)
COMPARED = ("attach rate", "offer acceptance rate", "revenue per unit")


@dataclass(frozen=True)
class ShopperModel:
    """How likely a shopper says yes to an offer, by its wording (known ground truth)."""

    accept_data: float = 0.25
    accept_brief: float = 0.40

    def p_accept(self, offer_text: str) -> float:
        """The acceptance probability for an offer as the shopper reads it."""
        brief = "often bought with" in offer_text or "one of our best sellers" in offer_text
        return self.accept_brief if brief else self.accept_data


def sim_experiment(now: datetime | None = None) -> Experiment:
    """The A/A/B experiment the simulator expects (also what ``experiments.sim.yml`` holds)."""
    now = now or datetime.now(timezone.utc)
    return parse_experiments({"experiments": [sim_config(now)]})[0]


def sim_config(now: datetime) -> dict[str, Any]:
    """The experiment as a config entry, running from an hour before ``now`` for 30 days."""
    return {
        "key": KEY,
        "unit": "conversation",
        "start": (now - timedelta(hours=1)).isoformat(),
        "stop": (now + timedelta(days=30)).isoformat(),
        "control": "control",
        "variants": [
            {"name": "control", "weight": 1},
            {"name": "copy", "weight": 1},
            {"name": "brief", "weight": 1, "settings": {"reason_style": "brief"}},
        ],
    }


def _post(url: str, body: Any, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (local stack)
        return json.load(response)


def _say(rasa: str, sender: str, text: str, token: str | None) -> list[str]:
    body: dict[str, Any] = {"sender": sender, "message": text}
    if token:
        body["metadata"] = {"token": token}
    replies = _post(f"{rasa}/webhooks/rest/webhook", body)
    return [r.get("text", "") for r in replies]


def live_shopper(args: argparse.Namespace, model: ShopperModel, index: int) -> dict[str, Any]:
    """One shopper over REST: cart, "add the <item>", answer the offer, check out."""
    rng = random.Random(f"{args.seed}:{args.tag}:{index}")
    sender = f"sim-{args.tag}-{index}"
    name, _ = rng.choice(MAIN_ITEMS)
    # A cart for a named customer is a server-to-server call: it needs the shop's server key.
    cart = _post(f"{args.shop}/api/carts", {"customer_id": sender}, args.api_key)
    texts = _say(args.rasa, sender, f"add the {name}", cart["token"])
    offer = next((t for t in texts if "Shall I add it?" in t), None)
    accepted = offer is not None and rng.random() < model.p_accept(offer)
    if offer is not None:
        # REST carries the cart token on every message that needs the cart (docs/security.md).
        _say(args.rasa, sender, "yes, add it" if accepted else "no thanks", cart["token"])
    # Recording the order is the shop backend's act after payment: the server key, as a
    # shop's payment callback would call it (a cart token gets 401, docs/security.md).
    order = _post(f"{args.shop}/api/carts/{cart['cart_id']}/checkout", {}, args.api_key)
    return {"sender": sender, "offer": offer, "accepted": accepted, "total": order["total"]}


def shopper_tally(
    outcomes: list[dict[str, Any]], experiment: Experiment
) -> dict[str, tuple[int, int, int, int]]:
    """What the shoppers did per arm, by the real hash assignment: units, offers, yes, orders.

    The report read back from the store must count exactly this (else the store's
    attribution, not chance, moves the verdicts).
    """
    found = {v.name: [0, 0, 0, 0] for v in experiment.variants}
    for outcome in outcomes:
        counts = found[assign(experiment, outcome["sender"]).name]
        counts[0] += 1
        counts[1] += outcome["offer"] is not None
        counts[2] += outcome["accepted"]
        counts[3] += 1
    return {name: (c[0], c[1], c[2], c[3]) for name, c in found.items()}


def verdicts(rows: list, srm: Any) -> dict[str, Any]:
    """``{"A/A": {metric: (p, verdict)}, "A/B": {...}, "srm_p": p}`` from the report rows."""
    found: dict[str, Any] = {"A/A": {}, "A/B": {}, "srm_p": srm.p_value}
    for row in rows:
        if row.metric in COMPARED and row.comparison is not None:
            label = "A/A" if row.arm == "copy" else "A/B"
            found[label][row.metric] = (row.comparison.p_value, row.verdict)
    return found


def live_run(args: argparse.Namespace, tag: str) -> dict[str, Any]:
    """One run against the stack, then the report's verdicts for the data since it began."""
    from bot.services.experiment_report import build_reports
    from bot.services.shop import build_shop

    model = ShopperModel(args.accept_data, args.accept_brief)
    run_args = argparse.Namespace(**{**vars(args), "tag": tag})
    started = datetime.now(timezone.utc)  # the previous run ended: only this run counts
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        outcomes = list(pool.map(lambda i: live_shopper(run_args, model, i), range(args.shoppers)))
    shop = build_shop(args.db, "unused-for-reading")
    minimum = MinimumSample(args.min_units, args.min_orders)
    (report,) = build_reports(shop, KEY, started, minimum)
    shop.engine.dispose()
    result = verdicts(report.rows, report.srm)
    result["units"] = {name: arm.units for name, arm in report.arms.items()}
    result["tally"] = shopper_tally(outcomes, report.experiment)
    result["reported"] = {
        name: (arm.units, arm.offers_shown, arm.offers_accepted, arm.order_count)
        for name, arm in report.arms.items()
    }
    result["offered"] = sum(o["offer"] is not None for o in outcomes)
    result["accepted"] = sum(o["accepted"] for o in outcomes)
    result["shoppers"] = len(outcomes)
    _print_live(result)
    return result


def run_live(args: argparse.Namespace) -> dict[str, Any]:
    """``--runs`` live runs; with more than one, the share of runs with p < 0.05 per comparison."""
    results = [live_run(args, f"{args.tag}-{run}" if args.runs > 1 else args.tag)
               for run in range(args.runs)]  # fmt: skip
    if args.runs == 1:
        return results[0]
    rates = {
        f"{label} {metric}": sum(r[label][metric][0] < 0.05 for r in results) / len(results)
        for label in ("A/A", "A/B")
        for metric in COMPARED
    }
    print(f"{args.runs} live runs × {args.shoppers} shoppers; SRM alarms "
          f"{sum(r['srm_p'] < 0.001 for r in results)}; report counts = shoppers' tally in "
          f"{sum(r['tally'] == r['reported'] for r in results)} of {args.runs}")  # fmt: skip
    print(table(("comparison and metric", "share of runs with p < 0.05"),
                [(name, f"{rate:.1%}") for name, rate in rates.items()]))  # fmt: skip
    return {"runs": results, "rates": rates}


def _print_live(result: dict[str, Any]) -> None:
    print(f"{result['shoppers']} shoppers, units per arm {result['units']}, "
          f"{result['offered']} offers shown, {result['accepted']} accepted; "
          f"SRM p = {result['srm_p']:.3f}")  # fmt: skip
    rows = [
        (label, metric, f"{p:.4f}", verdict)
        for label in ("A/A", "A/B")
        for metric, (p, verdict) in result[label].items()
    ]
    print(table(("comparison", "metric", "p", "verdict"), rows))
    same = result["tally"] == result["reported"]
    print("report counts (units, offers, accepted, orders) per arm "
          + ("= the shoppers' own tally" if same else
             f"{result['reported']} ≠ the shoppers' tally {result['tally']}"))  # fmt: skip


def offline_arms(
    experiment: Experiment, model: ShopperModel, run: int, shoppers: int, rng: random.Random
) -> dict[str, ArmData]:
    """One simulated run: every shopper is offered once, accepts per the model, orders once."""
    arms = {v.name: ArmData() for v in experiment.variants}
    for index in range(shoppers):
        variant = assign(experiment, f"sim-{run}-{index}")
        p = model.accept_brief if variant.settings.reason_style == "brief" else model.accept_data
        accepted = rng.random() < p
        arm = arms[variant.name]
        arm.revenue.append(float(rng.choice(MAIN_ITEMS)[1] + accepted * ADDON_PRICE))
        arm.orders.append(1.0)
        arm.offers_shown += 1
        arm.offers_accepted += accepted
        arm.orders_with_addon += accepted
    return arms


def run_offline(args: argparse.Namespace) -> dict[str, Any]:
    """False-positive rate (A/A) and power (A/B) over ``--runs`` simulated experiments."""
    experiment, model = sim_experiment(), ShopperModel(args.accept_data, args.accept_brief)
    rng = random.Random(args.seed)
    minimum = MinimumSample(args.min_units, args.min_orders)
    hits = {(label, metric): 0 for label in ("A/A", "A/B") for metric in COMPARED}
    srm_alarms = 0
    for run in range(args.runs):
        arms = offline_arms(experiment, model, run, args.shoppers, rng)
        rows, srm = compare_arms(arms, "control", experiment.weights, minimum)
        found = verdicts(rows, srm)
        srm_alarms += srm.mismatch
        for label in ("A/A", "A/B"):
            for metric, (p, _) in found[label].items():
                hits[(label, metric)] += p < 0.05
    rates = {f"{label} {metric}": n / args.runs for (label, metric), n in hits.items()}
    result = {"runs": args.runs, "shoppers": args.shoppers, "rates": rates,
              "srm_alarm_rate": srm_alarms / args.runs}  # fmt: skip
    print(f"{args.runs} runs × {args.shoppers} shoppers; acceptance {model.accept_data:.0%} "
          f"(control, copy) vs {model.accept_brief:.0%} (brief); SRM alarms "
          f"{result['srm_alarm_rate']:.1%} (expected 0.1%)")  # fmt: skip
    rows = [(name, f"{rate:.1%}") for name, rate in rates.items()]
    print(table(("comparison and metric", "share of runs with p < 0.05"), rows))
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Parse the arguments and run one mode; returns the figures it printed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    live = modes.add_parser("live", help="drive a running stack over REST and the shop API")
    live.add_argument("--rasa", default="http://127.0.0.1:5005")
    live.add_argument("--shop", default="http://127.0.0.1:8000")
    live.add_argument("--db", required=True, help="the stack's store, to read the report")
    live.add_argument(
        "--api-key",
        default=os.environ.get("SHOP_API_KEY", ""),
        help="the shop's server key (default: $SHOP_API_KEY)",
    )
    live.add_argument("--tag", default=datetime.now(timezone.utc).strftime("%H%M%S"))
    live.add_argument("--concurrency", type=int, default=4)
    live.add_argument("--runs", type=int, default=1, help="independent runs (tags -0, -1, ...)")
    offline = modes.add_parser("offline", help="many simulated runs without a stack")
    offline.add_argument("--runs", type=int, default=1000)
    for mode in (live, offline):
        mode.add_argument("--shoppers", type=int, default=300)
        mode.add_argument("--accept-data", type=float, default=0.25)
        mode.add_argument("--accept-brief", type=float, default=0.40)
        mode.add_argument("--seed", type=int, default=7)
        mode.add_argument("--min-units", type=int, default=100)
        mode.add_argument("--min-orders", type=int, default=30)
    modes.add_parser("config", help="print the experiments file the stack must run with")
    args = parser.parse_args(argv)
    if args.mode == "config":
        print(yaml.safe_dump({"experiments": [sim_config(datetime.now(timezone.utc))]}), end="")
        return {}
    return run_live(args) if args.mode == "live" else run_offline(args)


if __name__ == "__main__":
    main()
