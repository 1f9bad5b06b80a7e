"""Cart flow actions."""

from __future__ import annotations

from abc import ABC

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.common import FlowAction, product_request
from bot.chat import cart
from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop


class _QuantityFlow(FlowAction, ABC):
    """A flow that reads a quantity: the slot is forgotten so the next request cannot reuse it.

    Abstract (no ``replies``), so the action server does not register it.
    """

    def events(self, tracker: Tracker) -> list[EventType]:
        """Forget the quantity."""
        return [SlotSet("quantity", None)]


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


class ActionAddItem(_QuantityFlow):
    """Add the named product (and maybe make the one unsolicited offer)."""

    action_name = "action_add_item"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the add flow with the product and quantity slots."""
        product, quantity, message = product_request(tracker)
        earlier = tracker.get_slot("product")  # "one more": the product talked about
        return cart.add_item(shop, ctx, product, quantity, message, earlier=earlier)


class ActionRemoveItem(FlowAction):
    """Remove the named product."""

    action_name = "action_remove_item"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the remove flow with the product slot."""
        product, _, message = product_request(tracker)
        earlier = tracker.get_slot("product")  # "remove it": the product talked about
        return cart.remove_item(shop, ctx, product, message, earlier=earlier)


class ActionChangeQuantity(_QuantityFlow):
    """Set the quantity of a product in the cart."""

    action_name = "action_change_quantity"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the change-quantity flow with the product and quantity slots."""
        product, quantity, message = product_request(tracker)
        earlier = tracker.get_slot("product")  # "make it 3": the product talked about
        return cart.change_quantity(shop, ctx, product, quantity, message, earlier=earlier)


class ActionChooseOption(_QuantityFlow):
    """Answer "Did you mean A or B?" ("the first one", "the 65 W one", a button)."""

    action_name = "action_choose_option"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the choose flow with the product mention and the whole message."""
        product, _, message = product_request(tracker)
        return cart.choose_option(shop, ctx, product, message)


class ActionCheckout(FlowAction):
    """Give the amount to pay (and at most one unsolicited offer)."""

    action_name = "action_checkout"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the checkout flow."""
        return cart.checkout(shop, ctx)
