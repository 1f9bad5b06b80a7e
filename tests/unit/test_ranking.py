from decimal import Decimal

from bot.domain.models import CartLine, OfferKind, Product, Role
from bot.domain.ranking import CoPurchase, RankingRules, pick_gap_closer, rank_addons


def product(
    sku: str,
    price: str,
    stock: int = 10,
    role: Role = Role.ACCESSORY,
    family: str | None = None,
    tier: int | None = None,
    active: bool = True,
) -> Product:
    return Product(
        sku=sku,
        name=sku.replace("-", " ").title(),
        category="misc",
        price=Decimal(price),
        stock=stock,
        role=role,
        family=family,
        tier=tier,
        active=active,
    )


PHONE = Product(
    "PH-1", "Aria Phone 256 GB", "phones", Decimal("800.00"), stock=5, role=Role.MAIN,
    family="Aria Phone", tier=2,
)  # fmt: skip
CAMERA = Product("CM-1", "Snap Camera", "cameras", Decimal("450.00"), stock=5, role=Role.MAIN)
CASE = product("case", "19.00")
GLASS = product("glass", "12.00")
CHARGER = product("charger", "29.00")
CART = [CartLine(PHONE, 1)]


def bought(candidate: Product, together: int, anchor_orders: int = 100, anchor=PHONE):
    return CoPurchase(anchor, candidate, together, anchor_orders)


def skus(suggestions) -> list[str]:
    return [s.product.sku for s in suggestions]


def test_share_is_together_over_anchor_orders() -> None:
    assert bought(CASE, 35, 100).share == Decimal("0.35")
    assert bought(CASE, 3, 0).share == Decimal(0)


def test_ranked_by_co_purchase_share() -> None:
    evidence = [bought(GLASS, 30), bought(CHARGER, 10), bought(CASE, 50)]

    ranked = rank_addons(CART, evidence, {})

    assert skus(ranked) == ["case", "glass", "charger"]
    assert all(s.kind is OfferKind.ADDON for s in ranked)
    assert ranked[0].score > ranked[1].score > ranked[2].score


def test_limit_caps_the_number_of_suggestions() -> None:
    evidence = [bought(GLASS, 30), bought(CHARGER, 10), bought(CASE, 50)]

    assert skus(rank_addons(CART, evidence, {}, limit=1)) == ["case"]


def test_curated_complement_gets_a_bonus() -> None:
    evidence = [bought(CASE, 50), bought(GLASS, 40)]

    ranked = rank_addons(CART, evidence, {"PH-1": [GLASS]})

    assert skus(ranked) == ["glass", "case"]
    assert ranked[0].reason == "bought together in 40% of orders with your Aria Phone 256 GB"


def test_complement_without_evidence_is_suggested_with_a_curated_reason() -> None:
    ranked = rank_addons(CART, [], {"PH-1": [CHARGER]})

    assert skus(ranked) == ["charger"]
    assert ranked[0].reason == "made to go with your Aria Phone 256 GB"


def test_min_together_filters_small_counts() -> None:
    evidence = [bought(CASE, 2, anchor_orders=2), bought(GLASS, 3, anchor_orders=10)]

    assert skus(rank_addons(CART, evidence, {})) == ["glass"]
    loose = RankingRules(min_together=1)
    assert skus(rank_addons(CART, evidence, {}, rules=loose)) == ["case", "glass"]


def test_min_share_filters_weak_shares() -> None:
    evidence = [bought(CASE, 4, 100), bought(GLASS, 5, 100)]

    assert skus(rank_addons(CART, evidence, {})) == ["glass"]
    loose = RankingRules(min_share=Decimal("0.01"))
    assert skus(rank_addons(CART, evidence, {}, rules=loose)) == ["glass", "case"]


def test_never_returns_a_sku_already_in_the_cart() -> None:
    cart = [CartLine(PHONE, 1), CartLine(CASE, 1)]
    evidence = [bought(CASE, 60), bought(GLASS, 30)]

    ranked = rank_addons(cart, evidence, {"PH-1": [CASE]})

    assert skus(ranked) == ["glass"]


def test_declined_skus_are_excluded() -> None:
    evidence = [bought(CASE, 60), bought(GLASS, 30)]

    ranked = rank_addons(CART, evidence, {"PH-1": [CASE]}, declined={"case"})

    assert skus(ranked) == ["glass"]


def test_out_of_stock_and_inactive_are_excluded_unless_stock_is_not_required() -> None:
    sold_out = product("sold-out", "15.00", stock=0)
    retired = product("retired", "15.00", active=False)
    evidence = [bought(sold_out, 60), bought(retired, 50), bought(GLASS, 30)]

    assert skus(rank_addons(CART, evidence, {})) == ["glass"]
    anything = RankingRules(require_stock=False)
    assert skus(rank_addons(CART, evidence, {}, rules=anything)) == [
        "sold-out",
        "retired",
        "glass",
    ]


def test_price_band_caps_add_ons_relative_to_the_cart() -> None:
    cart = [CartLine(product("main", "100.00", role=Role.MAIN), 1)]
    at_ceiling = product("sixty", "60.00")
    above = product("sixty-one", "60.01")
    evidence = [
        bought(above, 50, anchor=cart[0].product),
        bought(at_ceiling, 40, anchor=cart[0].product),
    ]

    assert skus(rank_addons(cart, evidence, {})) == ["sixty"]
    no_band = RankingRules(max_price_ratio=None)
    assert skus(rank_addons(cart, evidence, {}, rules=no_band)) == ["sixty-one", "sixty"]


def test_price_band_never_closes_below_the_minimum_ceiling() -> None:
    cart = [CartLine(product("cable", "6.00"), 1)]
    fits = product("twenty-five", "25.00")
    too_much = product("twenty-six", "26.00")
    evidence = [
        bought(too_much, 50, anchor=cart[0].product),
        bought(fits, 40, anchor=cart[0].product),
    ]

    assert skus(rank_addons(cart, evidence, {})) == ["twenty-five"]


def test_price_band_uses_line_totals() -> None:
    cart = [CartLine(product("beans", "20.00"), 3)]  # subtotal 60 -> ceiling 36
    evidence = [bought(product("grinder", "36.00"), 50, anchor=cart[0].product)]

    assert skus(rank_addons(cart, evidence, {})) == ["grinder"]
    assert skus(rank_addons([CartLine(cart[0].product, 1)], evidence, {})) == []


def test_other_tiers_of_a_family_in_the_cart_are_excluded() -> None:
    sibling = product("PH-2", "700.00", role=Role.MAIN, family="Aria Phone", tier=1)
    evidence = [bought(sibling, 70), bought(CASE, 50)]

    ranked = rank_addons(CART, evidence, {}, rules=RankingRules(max_price_ratio=None))

    assert skus(ranked) == ["case"]


def test_reason_holds_the_computed_percentage_and_the_anchor_name() -> None:
    ranked = rank_addons(CART, [bought(CASE, 7, 20)], {})

    assert ranked[0].reason == "bought together in 35% of orders with your Aria Phone 256 GB"


def test_reason_percentage_is_rounded_half_up() -> None:
    ranked = rank_addons(CART, [bought(CASE, 4, 6)], {})

    assert "67%" in ranked[0].reason


def test_reason_names_the_anchor_with_the_strongest_share() -> None:
    cart = [CartLine(PHONE, 1), CartLine(CAMERA, 1)]
    evidence = [bought(CASE, 10, 100, anchor=PHONE), bought(CASE, 30, 50, anchor=CAMERA)]

    ranked = rank_addons(cart, evidence, {})

    assert ranked[0].reason == "bought together in 60% of orders with your Snap Camera"
    assert ranked[0].score == 0.6 + 0.02


def test_ties_are_broken_by_price_then_sku() -> None:
    b = product("b", "10.00")
    a = product("a", "10.00")
    cheap = product("c", "5.00")
    evidence = [bought(b, 20), bought(a, 20), bought(cheap, 20)]

    assert skus(rank_addons(CART, evidence, {})) == ["c", "a", "b"]


def test_accessories_rank_above_main_items_with_the_same_share() -> None:
    main = product("main", "20.00", role=Role.MAIN)
    accessory = product("zz-accessory", "20.00")

    ranked = rank_addons(CART, [bought(main, 20), bought(accessory, 20)], {})

    assert skus(ranked) == ["zz-accessory", "main"]


def test_empty_cart_and_no_evidence_gives_nothing() -> None:
    assert rank_addons([], [], {}) == []
    assert rank_addons(CART, [], {}) == []


# --- free-shipping gap closer ------------------------------------------------------------


def test_gap_closer_picks_least_overshoot() -> None:
    catalog = [product("a", "15.00"), product("b", "10.50"), product("c", "12.00")]

    choice = pick_gap_closer(Decimal("10.00"), [], catalog)

    assert choice is not None
    assert choice.product.sku == "b"
    assert choice.kind is OfferKind.GAP_CLOSER
    assert choice.reason == "it closes your free-shipping gap with $0.50 to spare"


def test_gap_closer_accepts_an_exact_fit() -> None:
    catalog = [product("exact", "10.00"), product("more", "10.01")]

    choice = pick_gap_closer(Decimal("10.00"), [], catalog)

    assert choice is not None
    assert choice.product.sku == "exact"
    assert choice.reason == "it closes your free-shipping gap with $0.00 to spare"


def test_gap_closer_prefers_the_related_pool() -> None:
    related = [product("related-far", "18.00"), product("related-near", "13.00")]
    catalog = [product("catalog-best", "10.05"), *related]

    choice = pick_gap_closer(Decimal("10.00"), related, catalog)

    assert choice is not None
    assert choice.product.sku == "related-near"


def test_gap_closer_falls_back_to_catalog_when_no_related_item_closes_the_gap() -> None:
    related = [product("small", "5.00")]
    catalog = [product("big", "30.00"), product("fits", "11.00"), *related]

    choice = pick_gap_closer(Decimal("10.00"), related, catalog)

    assert choice is not None
    assert choice.product.sku == "fits"


def test_gap_closer_ties_go_to_the_earlier_ranked_item() -> None:
    related = [product("first", "12.00"), product("second", "12.00")]

    choice = pick_gap_closer(Decimal("10.00"), related, [])
    reverse = pick_gap_closer(Decimal("10.00"), list(reversed(related)), [])

    assert choice is not None and reverse is not None
    assert choice.product.sku == "first"
    assert reverse.product.sku == "second"


def test_gap_closer_skips_out_of_stock_and_excluded_items() -> None:
    catalog = [
        product("sold-out", "10.00", stock=0),
        product("in-cart", "10.10"),
        product("declined", "10.20"),
        product("ok", "10.30"),
    ]

    choice = pick_gap_closer(Decimal("10.00"), [], catalog, excluded={"in-cart", "declined"})

    assert choice is not None
    assert choice.product.sku == "ok"


def test_no_gap_closer_when_nothing_closes_the_gap() -> None:
    catalog = [product("a", "9.99"), product("b", "5.00"), product("c", "20.00", stock=0)]

    assert pick_gap_closer(Decimal("10.00"), catalog, catalog) is None


def test_no_gap_closer_without_a_gap() -> None:
    catalog = [product("a", "9.99")]

    assert pick_gap_closer(Decimal("0"), catalog, catalog) is None
    assert pick_gap_closer(Decimal("-1"), catalog, catalog) is None
