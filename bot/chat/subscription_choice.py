"""Which subscription a request means, asked when the words leave a choice (review s21, R16).

A customer with two or more live subscriptions who says "cancel my subscription", "pause it"
or "switch me to the basic plan" without naming one is asked "Which subscription should I
cancel: Care Plus ($9.99/month) or Care Premium ($19.99/month)?" with one button per
subscription. The question is the conversation's pending question (kind
:data:`WHICH_SUBSCRIPTION`; options ``(subscription id, plan name)`` in the order shown, then
``("text", the request's words)``; detail the request's kind), read first on the next turn
by :mod:`bot.chat.which_subscription`. Nothing changes until one is picked.

"cancel my delivery" (no recurring word) is asked back the same way when the customer has a
subscription: "your Care Plus subscription, or an order?" (kind :data:`CANCEL_WHAT`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.chat.confirm import intent_payload
from bot.chat.replies import Reply
from bot.domain.errors import NoActiveSubscription, PlanNotHeld
from bot.domain.models import Plan
from bot.domain.plan_change import plans_said
from bot.domain.subscription_state import named_subscription
from bot.money import format_money
from bot.services import subscriptions
from bot.store.mapping import plan_of
from bot.store.pending import PendingChoiceRepository, PendingQuestion
from bot.store.repositories import SubscriptionRepository
from bot.store.tables import SubscriptionRow

WHICH_SUBSCRIPTION = "which_subscription"
CANCEL_WHAT = "cancel_delivery_what"
CANCEL, CANCEL_NOW, PAUSE, CHANGE_PLAN = "cancel", "cancel_now", "pause", "change_plan"
RESUME = "resume"
TEXT = "text"
ORDER = "order"


def pick_button(words: str) -> str:
    """A button that answers the pending question with ``words`` (read by its own reader)."""
    return intent_payload("choose_option", {"product": words})


def _label(plan: Plan) -> str:
    return f"{plan.name} ({format_money(plan.price)}/{plan.interval})"


def target(
    session: Session,
    customer_id: int,
    text: str,
    subscription_id: int | None = None,
    held_only: bool = False,
) -> SubscriptionRow | list[tuple[SubscriptionRow, Plan]]:
    """The subscription a request is about (locked), or the live ones to ask among.

    Args:
        session: The open transaction.
        customer_id: The token's customer.
        text: The request's words (a plan named there picks its subscription).
        subscription_id: Already picked (an answer to the question, or an open offer's).
        held_only: The words may only name a plan the customer holds ("cancel care basic"
            while on Care Premium changes nothing): a cancel or a pause, not a plan change.

    Raises:
        NoActiveSubscription: The customer has no live subscription (or the picked one is
            no longer live).
        PlanNotHeld: ``held_only`` and the words name only plans the customer does not hold.
    """
    live = subscriptions.live_plans(session, customer_id)
    if held_only and live:
        refuse_unheld(session, text, live)
    if subscription_id is None:
        subscription_id = named_subscription(text, [(row.id, plan) for row, plan in live])
    if subscription_id is None:
        if not live:
            raise NoActiveSubscription()
        return live
    row = SubscriptionRepository(session).get(subscription_id, for_update=True)
    if row is None or row.customer_id != customer_id or row.status == "canceled":
        raise NoActiveSubscription()
    return row


def refuse_unheld(session: Session, text: str, live: list[tuple[SubscriptionRow, Plan]]) -> None:
    """Raise :class:`PlanNotHeld` when the words name plans and none is one of ``live``.

    Plans are read beyond doubt only (:func:`bot.domain.plan_change.plans_said`).
    """
    plans = [plan_of(row) for row in SubscriptionRepository(session).plans()]
    said = plans_said(text or "", plans)
    held = {plan.code for _, plan in live}
    if said and not any(plan.code in held for plan in said):
        raise PlanNotHeld(said[0].name, tuple(_label(plan) for _, plan in live))


def ask_which(
    session: Session,
    conversation_id: str,
    live: list[tuple[SubscriptionRow, Plan]],
    request: tuple[str, str],
    action: str,
) -> Reply:
    """Store and ask "Which subscription should I <action>: A or B?"; nothing changes.

    Args:
        session: The open transaction (the caller commits).
        conversation_id: The conversation.
        live: The live subscriptions with their plans, in the order to show.
        request: ``(kind, the request's words)``: what the pick carries out.
        action: The request in words ("cancel", "switch to Care Basic").
    """
    kind, text = request
    options = tuple((str(row.id), plan.name) for row, plan in live)
    question = PendingQuestion(WHICH_SUBSCRIPTION, (*options, (TEXT, text[:200])), kind)
    PendingChoiceRepository(session).ask(conversation_id, question)
    return which_reply(question, action, live_labels=[_label(plan) for _, plan in live])


def which_reply(
    question: PendingQuestion, action: str, live_labels: list[str] | None = None
) -> Reply:
    """The "Which subscription …?" reply for a stored question, one button per subscription."""
    names = [label for value, label in question.options if value != TEXT]
    labels = live_labels or names
    listing = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    buttons = tuple((name, pick_button(name)) for name in names)
    return Reply("utter_which_subscription", {"action": action, "options": listing}, buttons)


def ask_cancel_what(session: Session, conversation_id: str, plan: Plan) -> Reply:
    """Ask "your Care Plus subscription, or an order?" after "cancel my delivery"."""
    options = (("subscription", plan.name), (ORDER, "an order"))
    PendingChoiceRepository(session).ask(conversation_id, PendingQuestion(CANCEL_WHAT, options))
    buttons = (
        (f"My {plan.name} subscription", "/cancel_subscription"),
        ("An order", pick_button("an order")),
    )
    return Reply("utter_ask_cancel_delivery_what", {"plan": plan.name}, buttons)
