"""Offer events: what was shown in a conversation and what the shopper did (never commits)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bot.store.experiments import ExperimentRepository
from bot.store.tables import OfferEventRow


class OfferRepository:
    """Offer events: what was shown in a conversation and what the shopper did."""

    RESOLUTIONS = ("accepted", "declined", "superseded", "kept", "later")

    def __init__(self, session: Session) -> None:
        self.session = session

    def record_shown(self, **values: Any) -> OfferEventRow:
        """Record a shown offer, superseding any offer still open in the conversation.

        ``arms`` (optional): ``((experiment, variant), ...)``, the offer's arm in each running
        experiment; ``experiment``/``variant`` keep the first one.
        """
        arms = values.pop("arms", ())
        open_offer = self.open_offer(values["conversation_id"])
        if open_offer is not None:
            self.resolve(open_offer, "superseded")
        row = OfferEventRow(event="shown", **values)
        self.session.add(row)
        self.session.flush()
        ExperimentRepository(self.session).add_offer_arms(row.id, arms)
        return row

    def resolve(self, offer: OfferEventRow, event: str) -> OfferEventRow:
        """Record the shopper's answer to an offer."""
        row = OfferEventRow(
            conversation_id=offer.conversation_id,
            event=event,
            offer_id=offer.id,
            kind=offer.kind,
            sku=offer.sku,
            price_minor=offer.price_minor,
            solicited=offer.solicited,
            replaces_sku=offer.replaces_sku,
            cart_id=offer.cart_id,
            subscription_id=offer.subscription_id,
            experiment=offer.experiment,
            variant=offer.variant,
        )
        self.session.add(row)
        self.session.flush()
        experiments = ExperimentRepository(self.session)
        experiments.add_offer_arms(row.id, experiments.offer_arms(offer.id))
        return row

    def reshow(self, offer: OfferEventRow, price_minor: int) -> OfferEventRow:
        """Show ``offer`` again at another price (its price changed): same offer, same arms.

        The open offer (``offer`` itself, normally) is superseded by the new row.
        """
        return self.record_shown(
            conversation_id=offer.conversation_id,
            kind=offer.kind,
            sku=offer.sku,
            price_minor=price_minor,
            solicited=offer.solicited,
            replaces_sku=offer.replaces_sku,
            cart_id=offer.cart_id,
            subscription_id=offer.subscription_id,
            reason=offer.reason,
            experiment=offer.experiment,
            variant=offer.variant,
            arms=ExperimentRepository(self.session).offer_arms(offer.id),
        )

    def open_offer(self, conversation_id: str) -> OfferEventRow | None:
        """The newest shown offer of the conversation that has no answer yet."""
        answer = aliased(OfferEventRow)
        answered = select(answer.id).where(answer.offer_id == OfferEventRow.id).exists()
        query = (
            select(OfferEventRow)
            .where(
                OfferEventRow.conversation_id == conversation_id,
                OfferEventRow.event == "shown",
                ~answered,
            )
            .order_by(OfferEventRow.id.desc())
            .limit(1)
        )
        return self.session.scalar(query)

    SELLING_KINDS = ("addon", "gap_closer", "upsell")

    def unsolicited_count(self, conversation_id: str) -> int:
        """How many unsolicited selling offers (add-ons, gap closers, upgrades) were shown."""
        query = select(func.count(OfferEventRow.id)).where(
            OfferEventRow.conversation_id == conversation_id,
            OfferEventRow.event == "shown",
            OfferEventRow.solicited.is_(False),
            OfferEventRow.kind.in_(self.SELLING_KINDS),
        )
        return int(self.session.scalar(query) or 0)

    def declined_skus(self, conversation_id: str) -> frozenset[str]:
        """Every SKU the shopper declined in the conversation."""
        query = select(OfferEventRow.sku).where(
            OfferEventRow.conversation_id == conversation_id,
            OfferEventRow.event == "declined",
        )
        return frozenset(self.session.scalars(query))

    def shown_skus(self, conversation_id: str) -> frozenset[str]:
        """Every SKU already offered in the conversation, whatever the answer."""
        query = select(OfferEventRow.sku).where(
            OfferEventRow.conversation_id == conversation_id,
            OfferEventRow.event == "shown",
        )
        return frozenset(self.session.scalars(query))

    def events(self, conversation_id: str) -> list[OfferEventRow]:
        """Every offer event of a conversation, oldest first."""
        query = (
            select(OfferEventRow)
            .where(OfferEventRow.conversation_id == conversation_id)
            .order_by(OfferEventRow.id)
        )
        return list(self.session.scalars(query))
