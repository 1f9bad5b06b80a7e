from decimal import Decimal

import pytest

from bot.chat.cart import add_item, change_quantity, checkout, free_shipping, remove_item, show_cart
from bot.chat.replies import ChatContext, Reply
from bot.money import percent
from bot.tokens import issue_token, verify_token

CASE_OFFER = Reply(
    "utter_offer_addon",
    {
        "name": "Clear Phone Case",
        "price": "$19.00",
        "reason": "bought together in 55% of orders with your Aria Phone 256 GB",
        "offer_id": "1",  # the conversation's first offer: its buttons name it
    },
)


def totals(subtotal: str, shipping: str = "$0.00", total: str | None = None, remaining="$0.00"):
    return {
        "subtotal": subtotal,
        "shipping": shipping,
        "total": total or subtotal,
        "threshold": "$50.00",
        "remaining": remaining,
    }


def added(name: str, quantity: str, **cart) -> Reply:
    return Reply("utter_added", {"name": name, "quantity": quantity, **totals(**cart)})


def test_adding_a_main_item_carries_one_unsolicited_add_on(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    replies = add_item(shop, ctx, "aria phone 256gb", None)

    assert replies == [added("Aria Phone 256 GB", "1", subtotal="$799.00"), CASE_OFFER]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1}
    assert probe.offers(shop, "conv-1") == [("shown", "addon", "PA-CASE-CLR", False)]


def test_only_the_first_main_item_carries_an_offer_and_checkout_adds_none(
    shop, new_cart, probe
) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    first = add_item(shop, ctx, "Aria Phone 256 GB", "1")
    second = add_item(shop, ctx, "snap camera entry", None)
    paying = checkout(shop, ctx)

    assert first[1] == CASE_OFFER
    assert second == [added("Snap Camera Entry", "1", subtotal="$1,248.00")]
    assert paying == [Reply("utter_checkout", totals(subtotal="$1,248.00"))]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "CM-SNAP-ENT": 1}
    shown = [e for e in probe.offers(shop, "conv-1") if e[0] == "shown"]
    assert shown == [("shown", "addon", "PA-CASE-CLR", False)]


def test_the_limit_is_per_conversation(shop, new_cart) -> None:
    _, token = new_cart(shop)

    add_item(shop, ChatContext("conv-1", token), "Aria Phone 256 GB", None)
    other = add_item(shop, ChatContext("conv-2", token), "snap camera entry", None)

    assert len(other) == 2
    assert other[1].response == "utter_offer_addon"


def test_max_unsolicited_offers_is_configurable(shop_factory, new_cart, probe) -> None:
    shop = shop_factory(max_unsolicited=2)
    _, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)

    first = add_item(shop, ctx, "Aria Phone 256 GB", None)
    second = add_item(shop, ctx, "snap camera entry", None)
    third = add_item(shop, ctx, "pulse headphones lite", None)
    paying = checkout(shop, ctx)

    assert first[1] == CASE_OFFER
    assert second[1].response == "utter_offer_addon"
    assert second[1].params["reason"].endswith("with your Snap Camera Entry")
    assert [r.response for r in third] == ["utter_added"]
    assert [r.response for r in paying] == ["utter_checkout"]
    unsolicited = [e for e in probe.offers(shop, "conv-1") if e[0] == "shown" and not e[3]]
    assert len(unsolicited) == 2


def test_accessories_are_not_an_offer_moment(shop, new_cart, probe) -> None:
    _, token = new_cart(shop)

    replies = add_item(shop, ChatContext("conv-1", token), "glass screen protector", "2")

    assert replies == [
        added(
            "Glass Screen Protector", "2", subtotal="$24.00", shipping="$4.99", total="$28.99",
            remaining="$26.00",
        )
    ]  # fmt: skip
    assert probe.offers(shop, "conv-1") == []


def _sd_card_closer(shop, probe) -> Reply:
    """The closer for a lone 64 GB SD card ($36.00 missing): the bag that goes with it."""
    together = probe.orders_with(shop, "CA-SD-64", "CA-BAG")
    share = percent(Decimal(together) / Decimal(probe.orders_with(shop, "CA-SD-64")))
    reason = f"bought together in {share} of orders with your 64 GB SD Card"
    return Reply(
        "utter_offer_addon",
        {
            "name": "Camera Shoulder Bag",
            "price": "$49.00",
            "reason": f"{reason}; it closes your free-shipping gap with $13.00 to spare",
            "offer_id": "1",
        },
    )


def test_checkout_offers_the_gap_closer_when_no_offer_was_made_yet(shop, new_cart, probe) -> None:
    _, token = new_cart(shop, lines=[("CA-SD-64", 1)])

    replies = checkout(shop, ChatContext("conv-1", token))

    assert replies == [
        Reply("utter_checkout", totals("$14.00", "$4.99", "$18.99", remaining="$36.00")),
        _sd_card_closer(shop, probe),
    ]
    assert probe.offers(shop, "conv-1") == [("shown", "gap_closer", "CA-BAG", False)]


def test_checkout_offers_no_gap_closer_when_nothing_relevant_closes_the_gap(
    shop, new_cart, probe
) -> None:
    _, token = new_cart(shop, lines=[("CF-BEANS-ESP", 1)])

    replies = checkout(shop, ChatContext("conv-1", token))

    assert replies[0].response == "utter_checkout"
    assert "free-shipping gap" not in str(replies[1:])
    assert [kind for _, kind, _, _ in probe.offers(shop, "conv-1")] in ([], ["addon"])


def test_no_unsolicited_offers_to_an_upset_shopper(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PA-CBL-USBC", 1)])
    upset = ChatContext("conv-1", token, upset=True)

    adding = add_item(shop, upset, "Aria Phone 256 GB", None)
    paying = checkout(shop, upset)

    assert [r.response for r in adding] == ["utter_added"]
    assert [r.response for r in paying] == ["utter_checkout"]
    assert probe.offers(shop, "conv-1") == []
    assert probe.lines(shop, cart_id) == {"PA-CBL-USBC": 1, "PH-ARIA-256": 1}


def test_free_shipping_gap_and_the_item_that_closes_it(shop, new_cart, probe) -> None:
    _, token = new_cart(shop, lines=[("CA-SD-64", 1)])

    replies = free_shipping(shop, ChatContext("conv-1", token))

    assert replies == [
        Reply("utter_free_shipping_gap", totals("$14.00", "$4.99", "$18.99", remaining="$36.00")),
        _sd_card_closer(shop, probe),
    ]
    assert probe.offers(shop, "conv-1") == [("shown", "gap_closer", "CA-BAG", True)]


def test_free_shipping_for_espresso_beans_says_the_exact_gap_and_offers_nothing(
    shop, new_cart, probe
) -> None:
    _, token = new_cart(shop, lines=[("CF-BEANS-ESP", 1)])

    replies = free_shipping(shop, ChatContext("conv-1", token))

    assert replies == [
        Reply("utter_free_shipping_gap", totals("$18.00", "$4.99", "$22.99", remaining="$32.00"))
    ]
    assert probe.offers(shop, "conv-1") == []


def test_free_shipping_gap_without_an_offer_when_upset(shop, new_cart, probe) -> None:
    _, token = new_cart(shop, lines=[("PA-CBL-USBC", 1)])

    replies = free_shipping(shop, ChatContext("conv-1", token, upset=True))

    assert [r.response for r in replies] == ["utter_free_shipping_gap"]
    assert probe.offers(shop, "conv-1") == []


def test_free_shipping_reached(shop, new_cart) -> None:
    _, token = new_cart(shop, lines=[("PA-CASE-CLR", 2), ("PA-SCR-GLS", 1)])

    replies = free_shipping(shop, ChatContext("conv-1", token))

    assert replies == [Reply("utter_free_shipping_reached", totals("$50.00"))]


def test_show_cart_lists_lines_and_totals(shop, new_cart) -> None:
    _, token = new_cart(shop, lines=[("CF-MUG", 2), ("CF-FILTER", 1)])
    _, empty = new_cart(shop)

    replies = show_cart(shop, ChatContext("conv-1", token))

    assert replies == [
        Reply(
            "utter_cart_summary",
            {
                "lines": "- 2 × Ceramic Mug: $18.00\n- 1 × Paper Coffee Filters: $4.00",
                **totals("$22.00", "$4.99", "$26.99", remaining="$28.00"),
            },
        )
    ]
    assert show_cart(shop, ChatContext("conv-2", empty)) == [Reply("utter_cart_empty")]
    assert checkout(shop, ChatContext("conv-2", empty)) == [Reply("utter_cart_empty")]


def test_remove_item_and_change_quantity(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 2), ("CF-FILTER", 1)])
    ctx = ChatContext("conv-1", token)

    changed = change_quantity(shop, ctx, "ceramic mug", "five")
    removed = remove_item(shop, ctx, "paper filters")

    assert changed == [
        Reply(
            "utter_quantity_changed",
            {
                "name": "Ceramic Mug",
                "quantity": "5",
                **totals("$49.00", "$4.99", "$53.99", remaining="$1.00"),
            },
        )
    ]
    assert removed == [
        Reply(
            "utter_removed",
            {
                "name": "Paper Coffee Filters",
                **totals("$45.00", "$4.99", "$49.99", remaining="$5.00"),
            },
        )
    ]
    assert probe.lines(shop, cart_id) == {"CF-MUG": 5}


def test_cart_errors_become_replies(shop, new_cart) -> None:
    _, token = new_cart(shop, lines=[("CF-MUG", 1)])
    ctx = ChatContext("conv-1", token)

    assert remove_item(shop, ctx, "paper coffee filters") == [
        Reply("utter_not_in_cart", {"name": "Paper Coffee Filters"})
    ]
    assert change_quantity(shop, ctx, "paper coffee filters", "2") == [
        Reply("utter_not_in_cart", {"name": "Paper Coffee Filters"})
    ]
    assert add_item(shop, ctx, "ceramic mug", "lots") == [
        Reply("utter_quantity_refused", {"said": "lots", "max_quantity": "20"})
    ]
    assert add_item(shop, ctx, None, None) == [Reply("utter_ask_product")]


def test_idempotent_add_by_message_key(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)
    ctx = ChatContext("conv-1", token, message_key="msg-1")

    first = add_item(shop, ctx, "Aria Phone 256 GB", None)
    retry = add_item(shop, ctx, "Aria Phone 256 GB", None)
    next_message = add_item(
        shop, ChatContext("conv-1", token, message_key="msg-2"), "ceramic mug", None
    )

    assert retry == first[:1]
    assert probe.lines(shop, cart_id) == {"PH-ARIA-256": 1, "CF-MUG": 1}
    assert next_message[0].params["quantity"] == "1"
    assert len([e for e in probe.offers(shop, "conv-1") if e[0] == "shown"]) == 1


@pytest.mark.parametrize("token_kind", ["missing", "forged", "customer-only", "expired"])
def test_no_access_without_a_valid_cart_token(shop, new_cart, store_state, token_kind: str) -> None:
    cart_id, token = new_cart(shop, lines=[("CF-MUG", 1)])
    customer_id = verify_token("test-secret", token).customer_id
    bad = {
        "missing": None,
        "forged": issue_token("wrong-secret", customer_id, cart_id),
        "customer-only": issue_token("test-secret", customer_id),
        "expired": issue_token("test-secret", customer_id, cart_id, ttl_seconds=1, now=1),
    }[token_kind]
    ctx = ChatContext("conv-1", bad, message_key="m1")
    before = store_state(shop)

    results = [
        add_item(shop, ctx, "Aria Phone 256 GB", None),
        remove_item(shop, ctx, "ceramic mug"),
        change_quantity(shop, ctx, "ceramic mug", "2"),
        show_cart(shop, ctx),
        free_shipping(shop, ctx),
        checkout(shop, ctx),
    ]

    assert results == [[Reply("utter_no_access")]] * len(results)
    assert store_state(shop) == before


def test_unknown_and_ambiguous_product_replies(shop, new_cart, store_state) -> None:
    _, token = new_cart(shop)
    ctx = ChatContext("conv-1", token)
    before = store_state(shop)

    unknown = add_item(shop, ctx, "blender", None)
    ambiguous = add_item(shop, ctx, "aria phone", None)

    assert unknown == [Reply("utter_unknown_product", {"product": "blender"})]
    names = ("Aria Phone 128 GB", "Aria Phone 256 GB", "Aria Phone 512 GB")
    assert ambiguous == [
        Reply(
            "utter_did_you_mean",
            {"options": "to add Aria Phone 128 GB, Aria Phone 256 GB or Aria Phone 512 GB"},
            tuple((name, f'/choose_option{{"product": "{name}"}}') for name in names),
        )
    ]
    after = store_state(shop)
    assert len(after.pop("pending_choices")) == 3  # the question waits for its answer
    before.pop("pending_choices")
    assert after == before


def test_the_cart_line_settles_an_ambiguous_family_name(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-128", 1)])

    replies = change_quantity(shop, ChatContext("conv-1", token), "aria phone", "2")

    assert replies[0].params["name"] == "Aria Phone 128 GB"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 2}


def test_did_you_mean_for_a_product_that_is_too_far_off(shop, new_cart, store_state) -> None:
    _, token = new_cart(shop)
    before = store_state(shop)

    replies = add_item(shop, ChatContext("conv-1", token), "tropid", None)

    yes = '/choose_option{"product": "Travel Tripod"}'
    assert replies == [
        Reply(
            "utter_unknown_product_suggest",
            {"product": "tropid", "options": "to add Travel Tripod"},
            (("Yes", yes), ("No", "/deny")),  # the suggestion waits for a yes or no
        )
    ]
    after = store_state(shop)
    assert [row[3] for row in after.pop("pending_choices")] == ["CA-TRIPOD"]
    assert after == {k: v for k, v in before.items() if k != "pending_choices"}


def test_misspelt_product_is_added(shop, new_cart, probe) -> None:
    cart_id, token = new_cart(shop)

    replies = add_item(shop, ChatContext("conv-1", token), "travel tripd", None)

    assert replies[0].params["name"] == "Travel Tripod"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 1}


def test_out_of_stock_leaves_the_store_unchanged(shop, new_cart, store_state, probe) -> None:
    cart_id, token = new_cart(shop, lines=[("PH-ARIA-512", 2)])
    ctx = ChatContext("conv-1", token, message_key="m1")
    before = store_state(shop)

    sold_out = add_item(shop, ctx, "wireless charging pad", None)
    too_many = add_item(shop, ctx, "aria phone 512 gb", "1")
    change = change_quantity(shop, ctx, "aria phone 512 gb", "3")

    assert sold_out == [Reply("utter_out_of_stock", {"name": "Wireless Charging Pad"})]
    assert too_many == [
        Reply("utter_not_enough_stock", {"name": "Aria Phone 512 GB", "stock": "2"})
    ]
    assert change == too_many
    assert store_state(shop) == before  # message key not used up, no offer recorded
    assert probe.lines(shop, cart_id) == {"PH-ARIA-512": 2}


def test_a_tiny_cart_gets_the_exact_gap_and_no_closer_many_times_its_price(
    shop, new_cart, probe
) -> None:
    from dataclasses import replace

    from bot.domain.ranking import RankingRules
    from bot.services.cart import load_cart
    from bot.services.recommend import gap_closer
    from bot.store.neighbours import NeighbourRepository

    with shop.session_factory.begin() as session:  # a $59 tripod is a listed gap filler
        assert NeighbourRepository(session).set_gap_fillers(["CA-TRIPOD"]) == []
    cart_id, token = new_cart(shop, lines=[("CA-CLEAN", 1)])  # an $8 cart, $42 short
    with shop.session_factory.begin() as session:
        view = load_cart(session, cart_id)[1]
        uncapped = replace(RankingRules(), max_cart_multiple=None)
        assert gap_closer(session, view, (), uncapped).product.sku == "CA-TRIPOD"  # 7 × the cart
        assert gap_closer(session, view, (), RankingRules()) is None

    replies = checkout(shop, ChatContext("conv-1", token))

    assert replies[0] == Reply(
        "utter_checkout", totals("$8.00", "$4.99", "$12.99", remaining="$42.00")
    )
    assert "CA-TRIPOD" not in str(replies) and "Tripod" not in str(replies)
    assert "gap_closer" not in [kind for _, kind, _, _ in probe.offers(shop, "conv-1")]
