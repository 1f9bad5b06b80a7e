"""Answering "Did you mean …?" by price or size, and "Did you mean X?" with yes (chat flows).

The options' prices and sizes come from the store, never from the message; an answer the
options cannot decide is asked again and changes nothing.
"""

from __future__ import annotations

from sqlalchemy import update

from bot.chat.cart import add_item, choose_option, remove_item
from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop
from bot.store.tables import ProductRow

YES_NO = ("Yes", '/choose_option{"product": "Travel Tripod"}'), ("No", "/deny")


def without_question(state: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The store but the pending question (asked again, so stored again)."""
    return {table: rows for table, rows in state.items() if table != "pending_choices"}


def ctx_for(new_cart, shop: Shop, **kwargs) -> tuple[int, ChatContext]:
    cart_id, token = new_cart(shop, **kwargs)
    return cart_id, ChatContext("conv-1", token)


def test_the_cheapest_of_the_aria_phones_is_added_at_the_asked_quantity(
    shop, new_cart, probe
) -> None:
    cart_id, ctx = ctx_for(new_cart, shop)

    asked = add_item(shop, ctx, "aria phones", "2", "add 2 aria phones")
    answered = choose_option(shop, ctx, None, "the cheapest")

    assert asked[0].response == "utter_did_you_mean"
    assert answered[0].response == "utter_added", answered
    assert answered[0].params["name"] == "Aria Phone 128 GB"
    assert probe.lines(shop, cart_id) == {"PH-ARIA-128": 2}


def test_the_bigger_laptop_is_the_15_inch_one(shop, new_cart, probe) -> None:
    cart_id, ctx = ctx_for(new_cart, shop)
    asked = add_item(shop, ctx, "orbit laptop", None, "add an orbit laptop")

    answered = add_item(shop, ctx, "bigger one", None, "the bigger one")  # read as an add

    assert [t for t, _ in asked[0].buttons] == ["Orbit Laptop 13-inch", "Orbit Laptop 15-inch"]
    assert answered[0].params["name"] == "Orbit Laptop 15-inch"
    assert probe.lines(shop, cart_id) == {"LP-ORBIT-15": 1}


def test_the_more_expensive_one_is_removed_from_two_lines(shop, new_cart, probe) -> None:
    lines = [("LA-SLEEVE-13", 1), ("LA-SLEEVE-15", 1)]
    cart_id, ctx = ctx_for(new_cart, shop, lines=lines)

    asked = remove_item(shop, ctx, "laptop sleeve", "remove the laptop sleeve")
    answered = choose_option(shop, ctx, None, "the more expensive one")

    assert asked[0].response == "utter_did_you_mean"
    assert answered[0].response == "utter_removed" and "15-inch" in answered[0].params["name"]
    assert probe.lines(shop, cart_id) == {"LA-SLEEVE-13": 1}


def test_no_size_in_the_names_asks_again_and_changes_nothing(
    shop, new_cart, probe, store_state
) -> None:
    cart_id, ctx = ctx_for(new_cart, shop)
    first = add_item(shop, ctx, "snap camera", None, "add a snap camera")
    before = store_state(shop)

    again = choose_option(shop, ctx, None, "the bigger one")

    assert again == [first[0]]  # the same question, with the same buttons
    assert without_question(store_state(shop)) == without_question(before)
    picked = choose_option(shop, ctx, None, "the cheaper one")
    assert picked[0].params["name"] == "Snap Camera Entry"
    assert probe.lines(shop, cart_id) == {"CM-SNAP-ENT": 1}


def test_equal_prices_ask_again_and_change_nothing(shop, new_cart, probe) -> None:
    cart_id, ctx = ctx_for(new_cart, shop)
    with shop.session_factory.begin() as session:
        session.execute(
            update(ProductRow)
            .where(ProductRow.sku.in_(["PA-CHG-30W", "LA-CHG-65W"]))
            .values(price_minor=2900)
        )
    add_item(shop, ctx, "charger", None, "add a charger")

    again = choose_option(shop, ctx, None, "the cheaper one")
    bigger = choose_option(shop, ctx, None, "the bigger one")  # 65 W > 30 W: decides

    assert again[0].response == "utter_did_you_mean" and again[0].buttons
    assert bigger[0].params["name"] == "USB-C Laptop Charger 65W"
    assert probe.lines(shop, cart_id) == {"LA-CHG-65W": 1}


def test_did_you_mean_x_carries_yes_no_buttons_and_yes_adds_the_pending_quantity(
    shop, new_cart, probe
) -> None:
    cart_id, ctx = ctx_for(new_cart, shop)

    asked = add_item(shop, ctx, "tropid", "2", "add 2 tropid")
    taken = choose_option(shop, ctx, None, "yes please")

    assert asked == [
        Reply(
            "utter_unknown_product_suggest",
            {"product": "tropid", "options": "to add Travel Tripod"},
            YES_NO,
        )
    ]
    assert taken[0].response == "utter_added" and taken[0].params["quantity"] == "2"
    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2}


def test_the_yes_button_and_that_one_take_the_only_option(shop, new_cart, probe) -> None:
    cart_id, ctx = ctx_for(new_cart, shop)
    add_item(shop, ctx, "tropid", None, "add a tropid")
    choose_option(shop, ctx, "Travel Tripod", None)  # the Yes button's payload
    add_item(shop, ctx, "tropid", None, "add a tropid")
    choose_option(shop, ctx, None, "that one")

    assert probe.lines(shop, cart_id) == {"CA-TRIPOD": 2}
