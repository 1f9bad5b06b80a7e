from decimal import Decimal

from bot.domain.closer import PairEvidence, goes_with_cart, pick_gap_closer
from bot.domain.models import OfferKind, Product, Suggestion


def product(sku: str, price: str, stock: int = 10) -> Product:
    return Product(sku, sku.title(), "misc", Decimal(price), stock=stock)


def ranked(*products: Product) -> list[Suggestion]:
    return [Suggestion(p, OfferKind.ADDON, f"goes with it ({p.sku})") for p in products]


GAP = Decimal("32.00")


def test_rank_beats_a_smaller_overshoot_among_relevant_add_ons() -> None:
    grinder, frother = product("grinder", "60.00"), product("frother", "33.00")

    choice = pick_gap_closer(GAP, ranked(grinder, frother), [])

    assert choice is not None and choice.product is grinder
    assert choice.kind is OfferKind.GAP_CLOSER
    assert (
        choice.reason
        == "goes with it (grinder); it closes your free-shipping gap with $28.00 to spare"
    )


def test_relevant_add_ons_that_do_not_close_the_gap_are_skipped() -> None:
    mug, frother = product("mug", "9.00"), product("frother", "32.00")

    choice = pick_gap_closer(GAP, ranked(mug, frother), [])

    assert choice is not None and choice.product is frother
    # an exact fit closes the gap, and says so (never "with $0.00 to spare")
    assert choice.reason == "goes with it (frother); it closes your free-shipping gap exactly"


def test_a_closer_costs_at_most_twice_the_gap_by_default() -> None:
    machine, at_cap = product("machine", "64.01"), product("at-cap", "64.00")

    assert pick_gap_closer(GAP, ranked(machine), []) is None
    assert pick_gap_closer(GAP, ranked(machine, at_cap), []).product is at_cap
    uncapped = pick_gap_closer(GAP, ranked(machine), [], max_gap_multiple=None)
    assert uncapped is not None and uncapped.product is machine


def test_a_small_gap_may_be_closed_by_anything_up_to_the_shipping_fee() -> None:
    gap, fee = Decimal("1.00"), Decimal("4.99")
    filters, strap = product("filters", "4.00"), product("strap", "4.99")
    dearer, mug = product("dearer", "5.00"), product("mug", "3.00")

    # $1 short: a $4 filter pack costs the shopper less than the $4.99 shipping it saves
    assert pick_gap_closer(gap, [], [filters], shipping_fee=fee).product is filters
    assert pick_gap_closer(gap, [], [strap], shipping_fee=fee).product is strap  # at the fee
    assert pick_gap_closer(gap, [], [dearer], shipping_fee=fee) is None  # above both caps
    assert pick_gap_closer(gap, [], [filters]) is None  # without the fee: 2 × $1 only
    assert pick_gap_closer(gap, ranked(dearer, mug), [], shipping_fee=fee).product is mug


def test_the_cap_is_the_larger_of_twice_the_gap_and_the_shipping_fee() -> None:
    from bot.domain.closer import price_cap

    assert price_cap(Decimal("32.00"), Decimal(2), Decimal("4.99")) == Decimal("64.00")
    assert price_cap(Decimal("1.00"), Decimal(2), Decimal("4.99")) == Decimal("4.99")
    assert price_cap(Decimal("1.00"), None, Decimal("4.99")) is None


def test_gap_fillers_are_the_fallback_with_the_least_overshoot() -> None:
    socks, filters, tiny = product("socks", "35.00"), product("filters", "33.00"), product("x", "5")

    choice = pick_gap_closer(GAP, ranked(product("mug", "9.00")), [socks, filters, tiny])

    assert choice is not None and choice.product is filters
    assert choice.reason == "it closes your free-shipping gap with $1.00 to spare"


def test_a_relevant_closer_wins_over_a_closer_fitting_filler() -> None:
    grinder, filters = product("grinder", "60.00"), product("filters", "32.00")

    assert pick_gap_closer(GAP, ranked(grinder), [filters]).product is grinder


def test_nothing_relevant_and_no_filler_means_no_offer() -> None:
    stand = product("laptop-stand", "34.00")  # closes the gap, but nothing says it goes with it

    assert pick_gap_closer(GAP, [], []) is None
    assert pick_gap_closer(GAP, ranked(product("mug", "9.00")), [product("x", "5.00")]) is None
    assert stand.price >= GAP


def test_sold_out_excluded_and_no_gap_give_no_closer() -> None:
    sold_out, declined = product("sold-out", "40.00", stock=0), product("declined", "40.00")

    assert pick_gap_closer(GAP, ranked(sold_out, declined), [], excluded={"declined"}) is None
    assert pick_gap_closer(Decimal(0), ranked(product("ok", "40.00")), []) is None
    assert pick_gap_closer(Decimal("-1"), ranked(product("ok", "40.00")), []) is None


def test_lift_compares_together_with_independence() -> None:
    assert PairEvidence(together=20, anchor_orders=100, candidate_orders=100, total=1000).lift == 2
    assert PairEvidence(10, 100, 100, 1000).lift == 1
    assert PairEvidence(5, 0, 100, 1000).lift == 0


def test_goes_with_cart_needs_lift_above_one_with_support_or_a_curated_pairing() -> None:
    strong = PairEvidence(20, 100, 100, 1000)  # lift 2
    chance = PairEvidence(10, 100, 100, 1000)  # lift 1: bought together no more than chance
    rare = PairEvidence(2, 10, 10, 1000)  # lift 20 but only 2 orders

    assert goes_with_cart([strong], curated=False, min_support=3)
    assert not goes_with_cart([chance], curated=False, min_support=3)
    assert not goes_with_cart([rare], curated=False, min_support=3)
    assert goes_with_cart([rare], curated=False, min_support=2)
    assert goes_with_cart([chance, strong], curated=False, min_support=3)
    assert goes_with_cart([], curated=True, min_support=3)
    assert not goes_with_cart([], curated=False, min_support=3)


def test_a_closer_costs_at_most_the_cart_itself_below_at_and_above() -> None:
    # a $4 cart, $46 short of free shipping at $50: an $80 kettle is within 2 × the gap but
    # twenty times the cart; no add-on closes a gap bigger than the cart it is added to
    tiny, gap, fee = Decimal("4.00"), Decimal("46.00"), Decimal("4.99")
    kettle = product("kettle", "80.00")
    assert pick_gap_closer(gap, ranked(kettle), [], shipping_fee=fee, subtotal=tiny,
                           max_cart_multiple=Decimal(1)) is None  # fmt: skip
    assert pick_gap_closer(gap, [], [kettle], shipping_fee=fee, subtotal=tiny,
                           max_cart_multiple=Decimal(1)) is None  # fillers too  # fmt: skip
    # a $30 cart $20 short: the cap is min(2 × $20, 1 × $30) = $30
    cart, gap = Decimal("30.00"), Decimal("20.00")
    below, at, above = product("below", "29.99"), product("at", "30.00"), product("above", "30.01")
    for offered, expected in ((below, below), (at, at), (above, None)):
        choice = pick_gap_closer(gap, ranked(offered), [], shipping_fee=fee, subtotal=cart,
                                 max_cart_multiple=Decimal(1))  # fmt: skip
        assert (choice.product if choice else None) is expected, offered.sku
    # a $49 cart a dollar short: the shipping fee it saves still allows a $4 filter pack
    filters = product("filters", "4.00")
    choice = pick_gap_closer(Decimal(1), [], [filters], shipping_fee=fee, subtotal=Decimal(49),
                             max_cart_multiple=Decimal(1))  # fmt: skip
    assert choice is not None and choice.product is filters
    assert pick_gap_closer(gap, ranked(above), [], subtotal=cart).product is above  # no cart cap


def test_the_default_rules_cap_a_closer_at_four_times_the_cart() -> None:
    from bot.domain.ranking import RankingRules

    rules, fee = RankingRules(), Decimal("4.99")

    def pick(cart: str, gap: str, offered: Product) -> Suggestion | None:
        return pick_gap_closer(Decimal(gap), ranked(offered), [], (), rules.max_gap_multiple,
                               fee, Decimal(cart), rules.max_cart_multiple)  # fmt: skip

    assert pick("4.00", "46.00", product("kettle", "80.00")) is None  # 20 × the cart
    assert pick("14.00", "36.00", product("bag", "49.00")).product.sku == "bag"  # 3.5 ×
    assert pick("14.00", "36.00", product("bag", "56.01")) is None  # just above 4 ×
