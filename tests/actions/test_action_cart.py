"""Cart actions: show, add (idempotent, with the one unsolicited offer), remove, quantities."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from rasa_sdk.events import SlotSet
from sqlalchemy import func, select

from actions.cart import (
    ActionAddItem,
    ActionChangeQuantity,
    ActionCheckout,
    ActionFreeShippingGap,
    ActionRemoveItem,
    ActionShowCart,
)
from bot.demo.catalog import product_by_sku
from bot.demo.orders import generate_orders
from bot.services.cart import add_to_cart
from bot.store.tables import OfferEventRow

ARIA = "Aria Phone 256 GB"
SLOTS_RESET = [SlotSet("product", None), SlotSet("quantity", None)]
TWO_CASES = {"subtotal": "$38.00", "shipping": "$4.99", "total": "$42.99", "remaining": "$12.00"}


def glass_gap_closer():
    """The closer for two clear cases: the glass goes with them and closes the $12 gap."""
    anchor_orders, others = co_purchases("PA-CASE-CLR")
    share = share_text(others["PA-SCR-GLS"], anchor_orders)
    reason = f"bought together in {share} of orders with your Clear Phone Case"
    return (
        "utter_offer_addon",
        {
            "name": "Glass Screen Protector",
            "price": "$12.00",
            "reason": f"{reason}; it closes your free-shipping gap exactly",
            "offer_id": "1",  # the conversation's first offer: its buttons name it
        },
    )


def totals(subtotal, shipping="$0.00", total=None, remaining="$0.00"):
    """The cart values every cart reply carries (threshold is always $50.00)."""
    return {
        "subtotal": subtotal,
        "shipping": shipping,
        "total": total or subtotal,
        "threshold": "$50.00",
        "remaining": remaining,
    }


def added(name, quantity, **cart):
    return ("utter_added", {"name": name, "quantity": quantity, **totals(**cart)})


def added_more(name, quantity, line_quantity, **cart):
    """The reply "Added 1 × X (3 in your cart now)": the cart held some of X before."""
    params = {"name": name, "quantity": quantity, **totals(**cart), "line_quantity": line_quantity}
    return ("utter_added_more", params)


@cache
def co_purchases(anchor_sku):
    """From the seeded order history itself: orders with the anchor, and what else they held."""
    orders = [o for o in generate_orders(count=2400) if any(s == anchor_sku for s, _ in o.lines)]
    others = Counter(sku for o in orders for sku, _ in o.lines if sku != anchor_sku)
    return len(orders), others


def share_text(together, anchor_orders):
    share = Decimal(together * 100) / Decimal(anchor_orders)
    return f"{share.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def fill(shop, cart, *lines):
    for sku, quantity in lines:
        add_to_cart(shop, cart.token, cart.cart_id, sku, quantity)


# --- show cart -------------------------------------------------------------------------


def test_show_empty_cart(chat):
    assert chat.run(ActionShowCart(), intent="show_cart") == ([("utter_cart_empty", {})], [])


def test_show_cart_with_shipping_to_pay(shop, cart, chat, make_tracker, run_action, render):
    fill(shop, cart, ("PA-CASE-CLR", 2))

    tracker = make_tracker(intent="show_cart", metadata={"token": cart.token})
    messages, events = run_action(ActionShowCart(), tracker)

    assert events == []
    assert [m["response"] for m in messages] == ["utter_cart_summary"]
    assert render(messages[0])["text"] == (
        "In your cart:\n"
        "- 2 × Clear Phone Case: $38.00\n"
        "Subtotal: $38.00\n"
        "Shipping: $4.99\n"
        "Total: $42.99"
    )


def test_show_filled_cart_lines_in_order_added(shop, cart, chat):
    fill(shop, cart, ("PA-CASE-CLR", 2), ("PH-ARIA-256", 1), ("CM-SNAP-PRO", 1))

    replies, events = chat.run(ActionShowCart(), intent="show_cart")

    lines = (
        "- 2 × Clear Phone Case: $38.00\n"
        "- 1 × Aria Phone 256 GB: $799.00\n"
        "- 1 × Snap Camera Pro: $1,499.00"
    )
    assert replies == [("utter_cart_summary", {"lines": lines, **totals("$2,336.00")})]
    assert events == []


# --- add item --------------------------------------------------------------------------


def test_add_accessory_with_quantity(chat, cart_lines, cart):
    replies, events = chat.run(
        ActionAddItem(),
        text="add 2 clear phone cases",
        entities={"product": "clear phone case", "quantity": "2"},
    )

    assert replies == [added("Clear Phone Case", "2", **TWO_CASES)]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_product_from_slot_and_quantity_not_reused(chat, cart_lines, cart):
    chat.run(ActionAddItem(), entities={"product": "clear phone case", "quantity": "2"})
    assert chat.slots["quantity"] is None

    replies, events = chat.run(ActionAddItem(), text="one more please")

    assert replies == [
        added_more(
            "Clear Phone Case", "1", "3", subtotal="$57.00", shipping="$0.00", remaining="$0.00"
        )
    ]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PA-CASE-CLR": 3}


def test_retried_message_adds_once(chat, cart, make_tracker, run_action, replies, cart_lines):
    case = {"product": "clear phone case", "quantity": "2"}
    slots = {**case}
    expected = [added("Clear Phone Case", "2", **TWO_CASES)]
    token = {"token": cart.token}

    for _ in range(2):
        tracker = make_tracker(entities=case, slots=slots, metadata=token, message_id="msg-42")
        messages, events = run_action(ActionAddItem(), tracker)
        assert replies(messages) == expected
        assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}

    tracker = make_tracker(entities=case, slots=slots, metadata=token, message_id="msg-43")
    run_action(ActionAddItem(), tracker)
    assert cart_lines(cart) == {"PA-CASE-CLR": 4}


def test_channel_message_id_in_metadata_keys_the_retry(
    chat, cart, make_tracker, run_action, cart_lines
):
    case = {"product": "clear phone case"}
    for rasa_id in ("rasa-1", "rasa-2"):
        metadata = {"message_id": "web-7", "token": cart.token}
        tracker = make_tracker(entities=case, metadata=metadata, message_id=rasa_id)
        run_action(ActionAddItem(), tracker)

    assert cart_lines(cart) == {"PA-CASE-CLR": 1}


def test_a_message_id_reused_for_another_request_changes_nothing(
    chat, cart, make_tracker, run_action, replies, cart_lines
):
    """A retry repeats its answer; the same id on a different request is no retry."""
    first = {"product": "clear phone case", "quantity": "2"}
    other = {"product": "usb-c cable", "quantity": "3"}
    token = {"token": cart.token}
    run_action(
        ActionAddItem(), make_tracker(entities=first, slots=first, metadata=token, message_id="m-9")
    )

    reused = make_tracker(entities=other, slots=other, metadata=token, message_id="m-9")
    messages, _ = run_action(ActionAddItem(), reused)

    assert replies(messages) == [("utter_message_id_reused", {})]
    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_same_message_id_in_another_conversation_still_adds(
    cart, bind, make_tracker, run_action, cart_lines
):
    case = {"product": "clear phone case"}
    for sender in ("conv-1", "conv-2"):
        bind(sender, cart.token)
        metadata = {"token": cart.token}
        tracker = make_tracker(sender_id=sender, entities=case, metadata=metadata, message_id="m-1")
        run_action(ActionAddItem(), tracker)

    assert cart_lines(cart) == {"PA-CASE-CLR": 2}


def test_main_item_gets_one_addon_offer_with_the_true_share(chat, cart_lines, cart):
    anchor_orders, others = co_purchases("PH-ARIA-256")
    best_sku, together = others.most_common(1)[0]
    best = product_by_sku()[best_sku]

    replies, events = chat.run(ActionAddItem(), entities={"product": ARIA})

    assert replies == [
        added(ARIA, "1", subtotal="$799.00"),
        (
            "utter_offer_addon",
            {
                "name": best.name,
                "price": f"${best.price}",
                "reason": f"bought together in {share_text(together, anchor_orders)} "
                f"of orders with your {ARIA}",
                "offer_id": "1",
            },
        ),
    ]
    assert (best.name, share_text(together, anchor_orders)) == ("Clear Phone Case", "55%")
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PH-ARIA-256": 1}


def test_second_main_item_gets_no_offer(chat, cart_lines, cart):
    chat.run(ActionAddItem(), entities={"product": ARIA})

    replies, events = chat.run(ActionAddItem(), entities={"product": "snap camera entry"})

    assert replies == [added("Snap Camera Entry", "1", subtotal="$1,248.00")]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PH-ARIA-256": 1, "CM-SNAP-ENT": 1}


def test_retried_main_item_is_not_offered_twice(chat, cart_lines, cart, shop):
    first, _ = chat.run(ActionAddItem(), entities={"product": ARIA}, message_id="same")

    again, _ = chat.run(ActionAddItem(), entities={"product": ARIA}, message_id="same")

    assert [r for r, _ in first] == ["utter_added", "utter_offer_addon"]
    assert again == first  # the first answer again, card and all (bot.chat.replays)
    assert cart_lines(cart) == {"PH-ARIA-256": 1}
    with shop.session_factory.begin() as session:
        shown = session.scalar(select(func.count()).select_from(OfferEventRow))
    assert shown == 1


def test_accessory_never_triggers_an_offer(chat):
    replies, _ = chat.run(ActionAddItem(), entities={"product": "travel tripod"})

    assert replies == [added("Travel Tripod", "1", subtotal="$59.00")]


# --- what the shopper typed ------------------------------------------------------------


def test_unknown_product(chat, cart_lines, cart):
    replies, events = chat.run(ActionAddItem(), entities={"product": "flux capacitor"})

    assert replies == [("utter_unknown_product", {"product": "flux capacitor"})]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {}


def test_misspelled_product_is_understood(chat, cart_lines, cart):
    replies, events = chat.run(ActionAddItem(), text="add a tripd", entities={"product": "tripd"})

    assert replies == [added("Travel Tripod", "1", subtotal="$59.00")]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"CA-TRIPOD": 1}


def test_badly_misspelled_product_gets_did_you_mean(chat, cart_lines, cart):
    replies, _ = chat.run(ActionAddItem(), entities={"product": "snap camra"})

    names = ["Snap Camera Entry", "Snap Camera Mid", "Snap Camera Pro"]
    assert replies == [
        (
            "utter_did_you_mean",
            {
                "options": "to add Snap Camera Entry, Snap Camera Mid or Snap Camera Pro",
                "buttons": names,
            },
        )
    ]
    assert cart_lines(cart) == {}


def test_ambiguous_product_gets_did_you_mean_even_with_one_in_the_cart(chat, cart_lines, cart):
    replies, _ = chat.run(ActionAddItem(), entities={"product": "phone case"})
    names = ["Clear Phone Case", "Leather Phone Case"]
    asked = [
        (
            "utter_did_you_mean",
            {"options": "to add Clear Phone Case or Leather Phone Case", "buttons": names},
        )
    ]
    assert replies == asked
    assert cart_lines(cart) == {}

    chat.run(ActionAddItem(), entities={"product": "leather phone case"})
    replies, _ = chat.run(ActionAddItem(), entities={"product": "phone case"})
    # an add reads the catalog: the line in the cart never breaks the tie (review s23, T3)
    assert replies == asked
    assert cart_lines(cart) == {"PA-CASE-LTH": 1}


def test_missing_product(chat, cart_lines, cart):
    replies, events = chat.run(ActionAddItem(), text="add it", entities={"quantity": "2"})

    assert replies == [("utter_ask_product", {})]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {}


def test_invalid_quantity(chat, cart_lines, cart):
    for quantity in ("lots", "0", "21", "1.5"):
        replies, events = chat.run(
            ActionAddItem(), entities={"product": "clear phone case", "quantity": quantity}
        )
        expected = {"said": quantity, "max_quantity": "20"}
        assert replies == [("utter_quantity_refused", expected)], quantity
        assert events == SLOTS_RESET
    assert cart_lines(cart) == {}


def test_word_quantity(chat, cart_lines, cart):
    replies, _ = chat.run(ActionAddItem(), entities={"product": "ceramic mug", "quantity": "two"})

    assert replies == [
        added(
            "Ceramic Mug",
            "2",
            subtotal="$18.00",
            shipping="$4.99",
            total="$22.99",
            remaining="$32.00",
        )
    ]
    assert cart_lines(cart) == {"CF-MUG": 2}


def test_out_of_stock_and_not_enough_stock(chat, cart_lines, cart):
    replies, _ = chat.run(ActionAddItem(), entities={"product": "wireless charging pad"})
    assert replies == [("utter_out_of_stock", {"name": "Wireless Charging Pad"})]

    replies, _ = chat.run(
        ActionAddItem(), entities={"product": "aria phone 512gb", "quantity": "3"}
    )
    assert replies == [("utter_not_enough_stock", {"name": "Aria Phone 512 GB", "stock": "2"})]
    assert cart_lines(cart) == {}


# --- remove, change quantity, free shipping, checkout ----------------------------------


def test_remove_item(shop, cart, chat, cart_lines):
    fill(shop, cart, ("PA-CASE-CLR", 2), ("CF-MUG", 1))

    replies, events = chat.run(
        ActionRemoveItem(), intent="remove_item", entities={"product": "clear phone case"}
    )

    assert replies == [
        (
            "utter_removed",
            {
                "name": "Clear Phone Case",
                **totals("$9.00", shipping="$4.99", total="$13.99", remaining="$41.00"),
            },
        )
    ]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"CF-MUG": 1}

    replies, _ = chat.run(ActionRemoveItem(), intent="remove_item")
    assert replies == [("utter_not_in_cart", {"name": "Clear Phone Case"})]


def test_change_quantity(shop, cart, chat, cart_lines):
    fill(shop, cart, ("PA-CASE-CLR", 2))

    replies, events = chat.run(
        ActionChangeQuantity(),
        intent="change_quantity",
        entities={"product": "clear phone case", "quantity": "3"},
    )

    assert replies == [
        (
            "utter_quantity_changed",
            {"name": "Clear Phone Case", "quantity": "3", **totals("$57.00")},
        )
    ]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PA-CASE-CLR": 3}

    replies, events = chat.run(
        ActionChangeQuantity(), entities={"product": "ceramic mug", "quantity": "2"}
    )
    assert replies == [("utter_not_in_cart", {"name": "Ceramic Mug"})]
    assert events == SLOTS_RESET
    assert cart_lines(cart) == {"PA-CASE-CLR": 3}


def test_free_shipping_reached(shop, cart, chat):
    fill(shop, cart, ("CA-TRIPOD", 1))

    replies, events = chat.run(ActionFreeShippingGap(), intent="ask_free_shipping")

    assert replies == [("utter_free_shipping_reached", totals("$59.00"))]
    assert events == []


def test_free_shipping_gap_and_the_item_that_closes_it(shop, cart, chat, render):
    fill(shop, cart, ("PA-CASE-CLR", 2))

    replies, events = chat.run(ActionFreeShippingGap(), intent="ask_free_shipping")

    gap = totals(**TWO_CASES)
    assert replies[0] == ("utter_free_shipping_gap", gap)
    assert render({"response": replies[0][0], **replies[0][1]})["text"] == (
        "You're $12.00 away from free shipping (free from $50.00; shipping is $4.99 now)."
    )
    assert replies[1:] == [glass_gap_closer()]
    assert events == []


def test_checkout_with_one_gap_closer_offer_at_most(shop, cart, chat):
    assert chat.run(ActionCheckout(), intent="checkout") == ([("utter_cart_empty", {})], [])

    fill(shop, cart, ("PA-CASE-CLR", 2))
    replies, events = chat.run(ActionCheckout(), intent="checkout")

    amount = totals(**TWO_CASES)
    assert replies == [("utter_checkout", amount), glass_gap_closer()]
    assert events == []

    again, _ = chat.run(ActionCheckout(), intent="checkout")
    assert again == [("utter_checkout", amount)]
