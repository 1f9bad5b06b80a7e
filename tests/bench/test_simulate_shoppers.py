"""The shopper simulator's offline mode, tiny: its figures are rates and match what it printed."""

from __future__ import annotations

import simulate_shoppers


def test_offline_runs_report_false_positive_rate_and_power(capsys) -> None:
    result = simulate_shoppers.main(
        [
            "offline",
            "--runs",
            "40",
            "--shoppers",
            "900",
            "--accept-data",
            "0.2",
            "--accept-brief",
            "0.6",
        ]
    )

    out = capsys.readouterr().out
    rates = result["rates"]
    assert set(rates) == {
        f"{label} {metric}" for label in ("A/A", "A/B") for metric in simulate_shoppers.COMPARED
    }
    assert all(0.0 <= rate <= 1.0 for rate in rates.values())
    # a 40-point effect on 300 shoppers per arm is found in every run; A/A rarely "finds" one
    assert rates["A/B attach rate"] == 1.0
    assert rates["A/A attach rate"] <= 0.2
    assert f"| A/B attach rate | {rates['A/B attach rate']:.1%} |" in out
    assert result["runs"] == 40 and "SRM alarms" in out


def test_the_shopper_model_reads_the_offer_wording() -> None:
    model = simulate_shoppers.ShopperModel(accept_data=0.1, accept_brief=0.9)
    brief = (
        "Clear Phone Case for $19.00 — often bought with your Aria Phone 256 GB. Shall I add it?"
    )
    data = "Clear Phone Case for $19.00 — bought together in 55% of orders with your Aria Phone."
    assert model.p_accept(brief) == 0.9
    assert model.p_accept(data) == 0.1


def test_the_shoppers_own_tally_counts_each_arm_by_the_hash_assignment() -> None:
    experiment = simulate_shoppers.sim_experiment()
    senders = [f"sim-tally-{i}" for i in range(30)]
    outcomes = [
        {"sender": s, "offer": None if i % 5 == 0 else "…", "accepted": i % 3 == 0 and i % 5 != 0}
        for i, s in enumerate(senders)
    ]

    tally = simulate_shoppers.shopper_tally(outcomes, experiment)

    arms = [simulate_shoppers.assign(experiment, s).name for s in senders]
    for name, (units, offers, accepted, orders) in tally.items():
        mine = [i for i, arm in enumerate(arms) if arm == name]
        assert units == orders == len(mine)
        assert offers == sum(i % 5 != 0 for i in mine)
        assert accepted == sum(i % 3 == 0 and i % 5 != 0 for i in mine)
    assert sum(units for units, *_ in tally.values()) == 30
