"""Suggestion flow actions: asked-for add-ons, upgrades, yes and no to an offer."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import FlowAction, product_request
from bot.chat import selling
from bot.chat.replies import ChatContext, Reply
from bot.services.shop import Shop


class ActionSuggestAddon(FlowAction):
    """Suggest the one add-on that fits the cart."""

    action_name = "action_suggest_addon"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the suggestion flow ("another suggestion?" skips the ones shown)."""
        return selling.suggest_addon(shop, ctx, product_request(tracker)[2])


class ActionSuggestUpgrade(FlowAction):
    """Offer the next tier of a product in the cart."""

    action_name = "action_suggest_upgrade"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the upgrade flow with the product slot (from this message only)."""
        product, _, message = product_request(tracker)
        return selling.suggest_upgrade(shop, ctx, product, message)


class ActionAcceptOffer(FlowAction):
    """Carry out the open offer the shopper said yes to."""

    action_name = "action_accept_offer"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the accept flow."""
        return selling.accept_offer(shop, ctx)


class ActionDeclineOffer(FlowAction):
    """Record a no; for a downsell or retention offer, remove or cancel at once."""

    action_name = "action_decline_offer"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the decline flow."""
        return selling.decline_offer(shop, ctx)


class ActionOfferDetail(FlowAction):
    """Answer a question about the open offer (price, reason, difference); it stays open."""

    action_name = "action_offer_detail"

    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Run the offer-detail flow."""
        return selling.offer_detail(shop, ctx)
