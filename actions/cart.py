"""Cart flow actions."""

from __future__ import annotations

from abc import ABC

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.common import FlowAction, product_request
from bot.chat import cart
from bot.chat.cart_requests import Mention
from bot.chat.replies import ChatContext, Reply
from bot.domain.quantities import amount_only
from bot.services.shop import Shop


class _CartEdit(FlowAction, ABC):
    """A flow that changes the cart: the product and quantity slots are forgotten after it.

    The flows read this message's entities only (and the product in focus, kept in the
    shop store); clearing the slots keeps a value from leaking into a later request.
    Abstract (no ``replies``), so the action server does not register it.
    """

    def events(self, tracker: Tracker) -> list[EventType]:
        """Forget the product and the quantity."""
        return [SlotSet("product", None), SlotSet("quantity", None)]


def mentions(tracker: Tracker) -> list[Mention]:
    """The latest message's product spans, with their offsets when the NLU gave them."""
    found = []
    for entity in (tracker.latest_message or {}).get("entities") or []:
        value = entity.get("value")
        if entity.get("entity") == "product" and isinstance(value, str) and not amount_only(value):
            start, end = entity.get("start"), entity.get("end")
            start = start if isinstance(start, int) else None
            end = end if isinstance(end, int) else None
            found.append(Mention(entity["value"], start, end))
    return found


class ActionShowCart(FlowAction):
    """Show the cart's lines, subtotal, shipping and total."""

    action_name = "action_show_cart"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the show-cart flow."""
        return cart.show_cart(shop, ctx)


class ActionFreeShippingGap(FlowAction):
    """Say exactly how far the cart is from free shipping."""

    action_name = "action_free_shipping_gap"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the free-shipping flow."""
        return cart.free_shipping(shop, ctx)


class ActionAddItem(_CartEdit):
    """Add the named product (and maybe make the one unsolicited offer)."""

    action_name = "action_add_item"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the add flow with the product and quantity slots."""
        product, quantity, message = product_request(tracker)
        found = mentions(tracker)
        return cart.add_item(shop, ctx, product, quantity, message, mentions=found)


class ActionRemoveItem(_CartEdit):
    """Remove the named product, or take a quantity of it out."""

    action_name = "action_remove_item"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the remove flow with this message's product and quantity."""
        product, quantity, message = product_request(tracker)
        found = mentions(tracker)
        return cart.remove_item(shop, ctx, product, message, quantity_text=quantity, mentions=found)


class ActionChangeQuantity(_CartEdit):
    """Set the quantity of a product in the cart."""

    action_name = "action_change_quantity"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the change-quantity flow with the product and quantity slots."""
        product, quantity, message = product_request(tracker)
        return cart.change_quantity(shop, ctx, product, quantity, message)


class ActionChooseOption(_CartEdit):
    """Answer "Did you mean A or B?" ("the first one", "the 65 W one", a button)."""

    action_name = "action_choose_option"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the choose flow with the product mention and the whole message."""
        product, _, message = product_request(tracker)
        return cart.choose_option(shop, ctx, product, message)


class ActionSwapItem(_CartEdit):
    """Swap a line for another product ("I want the 128gb sd card instead")."""

    action_name = "action_swap_item"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the swap flow with the message and its product spans."""
        message = product_request(tracker)[2]
        return cart.swap_item(shop, ctx, message, mentions(tracker))


class ActionCheckout(FlowAction):
    """Give the amount to pay (and at most one unsolicited offer)."""

    action_name = "action_checkout"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the checkout flow."""
        return cart.checkout(shop, ctx)
