from decimal import Decimal

import pytest

from bot.domain.models import CartLine, OfferKind, Product, Role
from bot.domain.ranking import CoPurchase, RankingRules, main_price, rank_addons


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


# Mains at 100.00: the default price band (5-40% of the main line) keeps 5.00-40.00.
PHONE = Product(
    "PH-1", "Aria Phone 256 GB", "phones", Decimal("100.00"), stock=5, role=Role.MAIN,
    family="Aria Phone", tier=2,
)  # fmt: skip
CAMERA = Product("CM-1", "Snap Camera", "cameras", Decimal("100.00"), stock=5, role=Role.MAIN)
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


def _band_case(price: str) -> list[str]:
    main = product("main", "100.00", role=Role.MAIN)
    candidate = product(f"at-{price}", price)
    return skus(rank_addons([CartLine(main, 1)], [bought(candidate, 50, anchor=main)], {}))


def test_price_band_default_is_5_to_40_percent_of_the_main_line_inclusive() -> None:
    assert _band_case("4.99") == []  # below
    assert _band_case("5.00") == ["at-5.00"]  # at the floor
    assert _band_case("20.00") == ["at-20.00"]  # inside
    assert _band_case("40.00") == ["at-40.00"]  # at the ceiling
    assert _band_case("40.01") == []  # above


def test_price_band_is_configurable_and_can_be_switched_off() -> None:
    main = product("main", "100.00", role=Role.MAIN)
    cart = [CartLine(main, 1)]
    cheap, dear = product("cheap", "2.00"), product("dear", "70.00")
    evidence = [bought(dear, 50, anchor=main), bought(cheap, 40, anchor=main)]

    assert skus(rank_addons(cart, evidence, {})) == []
    wide = RankingRules(min_price_ratio=Decimal("0.01"), max_price_ratio=Decimal("0.70"))
    assert skus(rank_addons(cart, evidence, {}, rules=wide)) == ["dear", "cheap"]
    off = RankingRules(min_price_ratio=None, max_price_ratio=None)
    assert skus(rank_addons(cart, evidence, {}, rules=off)) == ["dear", "cheap"]


def test_a_curated_pairing_is_exempt_from_the_floor_not_the_ceiling() -> None:
    phone = product("phone", "800.00", role=Role.MAIN)
    glass, stand = product("glass", "12.00"), product("stand", "400.00")

    ranked = rank_addons([CartLine(phone, 1)], [], {"phone": [glass, stand]})

    assert skus(ranked) == ["glass"]


def test_the_main_line_is_the_dearest_main_product_else_the_dearest_line() -> None:
    beans, machine = product("beans", "20.00"), product("machine", "150.00", role=Role.MAIN)
    grinder = product("grinder", "89.00")

    assert main_price([CartLine(beans, 3)]) == Decimal("20.00")  # unit price, not line total
    assert main_price([CartLine(grinder, 1), CartLine(machine, 1)]) == Decimal("150.00")
    assert main_price([]) == Decimal(0)
    evidence = [bought(product("mug", "9.00"), 50, anchor=beans)]
    assert skus(rank_addons([CartLine(beans, 3)], evidence, {})) == []  # 9 > 40% of 20


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


@pytest.mark.parametrize(
    ("items", "rows"),
    [(1, 50), (3, 50), (4, 37), (5, 30), (8, 20), (20, 20)],
)
def test_big_carts_read_shorter_lists_within_the_row_budget(items: int, rows: int) -> None:
    rules = RankingRules()  # 50 per item, at most 150 rows per cart, never below 20 per item
    assert rules.rows_per_item(items) == rows
    assert RankingRules(max_list_rows=None).rows_per_item(items) == 50


def test_basket_data_reads_whole_lists() -> None:
    from bot.cli import build_parser
    from bot.cli_data import rules_from
    from bot.services.catalog import CatalogKind

    args = build_parser().parse_args(["recommend"])
    basket = rules_from(args, RankingRules(), CatalogKind(priced=False, stocked=False))
    shop = rules_from(args, RankingRules(), CatalogKind(priced=True, stocked=True))

    assert basket.max_list_rows is None and basket.rows_per_item(5) == 50
    assert shop.max_list_rows == 150 and shop.rows_per_item(5) == 30
