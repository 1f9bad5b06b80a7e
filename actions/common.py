"""What every action does: read the conversation, send the replies, return events."""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import (
    QUESTION_PRESS,
    pressed_a_shown_button,
    pressed_tracker,
    tracker_as_sent,
)
from actions.deliveries import delivery
from actions.history import answered_elsewhere as answered_elsewhere
from actions.history import restarted
from actions.history import started_anew as started_anew
from bot.chat.by_text import run_turn
from bot.chat.dialogue import Turn, handle
from bot.chat.handoff import asked_for_person
from bot.chat.linking import run_linked
from bot.chat.markup import escape_for
from bot.chat.question_presses import read_press
from bot.chat.replays import once_per_message
from bot.chat.replies import ChatContext, Reply
from bot.chat.turns import typed_text
from bot.domain.language.en_subscription_safety import complains
from bot.domain.quantities import amount_only
from bot.services.chat_sessions import close_open_questions
from bot.services.shop import Shop, default_shop
from bot.tokens import GRANT_KEY

TOKEN_SLOT = "shop_token"
PLAIN_PARAMS = frozenset({"name", "reason", "plan"})
"""Values also sent unescaped (``name_plain``…) for plain-text titles and buttons."""
UPSET_SLOT = "customer_upset"

logger = logging.getLogger(__name__)

shop_provider: Callable[[], Shop] = default_shop
"""Where actions get the shop from; tests point it at a fresh store."""


def message_metadata(tracker: Tracker) -> dict[str, Any]:
    """The latest user message's metadata (empty when the channel sent none)."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def message_grant(tracker: Tracker) -> str | None:
    """The grant the web channel put on the latest message (its checked token), if any."""
    grant = message_metadata(tracker).get(GRANT_KEY)
    return grant if isinstance(grant, str) and grant else None


def chat_context(tracker: Tracker) -> ChatContext:
    """Build the chat context: the message's grant, mood, message id and channel.

    No token is read from slots or metadata: the flows get one per turn from the grant,
    the conversation's bound cart or a messaging link (``bot.chat.linking.with_access``).
    """
    metadata = message_metadata(tracker)
    message_key = metadata.get("message_id") or (tracker.latest_message or {}).get("message_id")
    return ChatContext(
        conversation_id=tracker.sender_id,
        token=None,
        upset=bool(tracker.get_slot(UPSET_SLOT))
        or asked_for_person(tracker.events)
        or complains_now(tracker),
        message_key=str(message_key) if message_key else None,
        channel=tracker.get_latest_input_channel(),
        grant=message_grant(tracker),
    )


def complains_now(tracker: Tracker) -> bool:
    """A complaint cue in the latest message ("this is ridiculous, cancel my plan", S7).

    The shopper is upset before the request in the same message is handled: no downsell
    or retention offer, and the request itself is still done or asked.
    """
    return complains(str((tracker.latest_message or {}).get("text") or ""))


def upset_events(tracker: Tracker) -> list[EventType]:
    """Keep the upset flag a complaint cue in this message set (``customer_upset``)."""
    if complains_now(tracker) and not tracker.get_slot(UPSET_SLOT):
        return [SlotSet(UPSET_SLOT, True)]
    return []


def entity_texts(tracker: Tracker, name: str) -> list[str]:
    """The latest message's values of entity ``name`` as text, in order.

    A typed ``/intent{...}`` payload may carry any JSON: a number becomes its text
    (``2`` → ``"2"``, and the quantity grammar judges ``3.5``); ``null``, ``true``, lists
    and objects are not a value and are dropped, so a crafted payload gets the same reply
    as a message without that entity, never an error.
    """
    texts = []
    for value in tracker.get_latest_entity_values(name):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            texts.append(str(value))
    return texts


def text_slot(tracker: Tracker, name: str) -> str | None:
    """A slot's value when it is text (a crafted payload may have set it to anything)."""
    value = tracker.get_slot(name)
    return value if isinstance(value, str) and value else None


def product_request(tracker: Tracker) -> tuple[str | None, str | None, str | None]:
    """The latest message's product mention, quantity and text.

    Mentions come from this message's entities only: a slot would carry an earlier
    message's product into a request that named none (the flows then search the text).
    A mention the model split in pieces ("aria" + "phone") is joined again, in order. A
    ``/intent{...}`` payload (a button, or a confirmed request) has no text to read: its
    "0.5" or "quantity" are not the shopper's words. A span that is only an amount (the "2"
    of "aria phone 128 x 2") is no product.
    """
    latest = tracker.latest_message or {}
    spans = [typed_text(v) for v in entity_texts(tracker, "product") if not amount_only(v)]
    product = " ".join(spans) or None
    quantity = next(iter(entity_texts(tracker, "quantity")), None)
    text = latest.get("text")
    if not isinstance(text, str) or text.startswith("/"):
        return product, quantity, None  # a button payload: its entities say it all
    return product, quantity, typed_text(text)  # "2 mugs thx" reads as "2 mugs" (F16)


def message_turn(tracker: Tracker, action: str) -> Turn:
    """The latest message as the dialogue rules read it: intent, confidence, text, entities."""
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    entities: dict[str, str] = {}
    for entity in latest.get("entities") or []:
        name, value = entity.get("entity"), entity.get("value")
        usable = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        if isinstance(name, str) and usable:
            value = typed_text(str(value)) if name == "product" else str(value)  # "mugs thx"
            entities[name] = f"{entities[name]} {value}" if name in entities else value
    confidence = intent.get("confidence")
    text = latest.get("text")
    return Turn(
        action=action,
        intent=intent.get("name"),
        confidence=float(confidence) if isinstance(confidence, (int, float)) else 1.0,
        text=typed_text(text) if isinstance(text, str) else "",  # as the flows read it (F16)
        entities=entities,
        confirmed=latest.get("confirmed") is True,
        button_shown=latest.get(QUESTION_PRESS) is True
        or (pressed_a_shown_button(tracker, text) if isinstance(text, str) else True),
    )


def _flow_action(name: str) -> FlowAction | None:
    """The concrete flow action called ``name`` (for re-running a confirmed request)."""
    pending: list[type[FlowAction]] = list(FlowAction.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if getattr(cls, "action_name", None) == name and not getattr(
            cls, "__abstractmethods__", None
        ):
            return cls()
    return None


def confirmed_tracker(
    tracker: Tracker, intent: str, entities: Mapping[str, str], text: str
) -> Tracker:
    """The tracker as if the confirmed request had been sent as a button (confidence 1.0).

    Its latest message is marked ``confirmed``, read by message_turn: the guards asked already.
    """
    return tracker_as_sent(tracker, intent, entities, text, "confirmed")


def send(
    dispatcher: CollectingDispatcher, replies: Sequence[Reply], channel: str | None = None
) -> None:
    """Utter each reply through its domain response, its values escaped for ``channel``.

    Button titles stay as they are: channels show them as plain-text quick replies. So do
    the product card's title and the buttons the domain fills with a name: they read the
    unescaped ``<param>_plain`` copies of :data:`PLAIN_PARAMS`.
    """
    for reply in replies:
        params = {name: escape_for(channel, value) for name, value in reply.params.items()}
        params |= {f"{k}_plain": v for k, v in reply.params.items() if k in PLAIN_PARAMS}
        buttons = [{"title": title, "payload": payload} for title, payload in reply.buttons]
        extra = {"buttons": buttons} if buttons else {}
        dispatcher.utter_message(response=reply.response, **extra, **params)


class FlowAction(Action, ABC):
    """An action that runs one chat flow: read the tracker, call the flow, utter, return events.

    Subclasses set ``action_name`` and implement :meth:`replies`. The class is abstract so
    that the action server, which registers every concrete ``Action`` subclass it finds,
    skips it.
    """

    action_name: ClassVar[str]

    def name(self) -> str:
        """Action name in the domain."""
        return self.action_name

    @abstractmethod
    def replies(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Call the flow this action stands for."""
        raise NotImplementedError

    def events(self, tracker: Tracker) -> list[EventType]:
        """Extra events after the flow ran (slot resets and the like)."""
        return []

    def dialogue(self, shop: Shop, ctx: ChatContext, tracker: Tracker) -> list[Reply]:
        """Read the message against the pending question first (``bot.chat.dialogue``).

        A pending confirmation, an open offer and the per-intent confidence thresholds are
        handled here once for every action; otherwise the action's own flow runs.
        """
        turn = message_turn(tracker, self.name())
        pressed = read_press(shop, ctx, turn)  # a question's button: its real payload, or none
        if isinstance(pressed, list):
            return pressed
        if pressed is not turn:
            tracker = pressed_tracker(tracker, pressed.intent, pressed.entities, pressed.text)
            turn = message_turn(tracker, self.name())

        def rerun(action: str, intent: str, entities: Mapping[str, str], text: str) -> list[Reply]:
            target = _flow_action(action) or self
            confirmed = confirmed_tracker(tracker, intent, entities, text)
            return target.dialogue(shop, ctx, confirmed)

        def own(context: ChatContext) -> list[Reply]:
            return self.replies(shop, context, tracker)

        return handle(shop, ctx, turn, own, rerun)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Run the flow (for a linked messaging user too), utter its replies, return events."""
        ctx = chat_context(tracker)

        fresh = started_anew(tracker) or answered_elsewhere(tracker)
        forget = restarted(tracker)  # a greeting keeps "undo", as "thanks" does (s23)

        this_delivery = delivery(tracker)

        def turn_flow(shop: Shop, context: ChatContext) -> list[Reply]:
            closed = fresh and close_open_questions(
                shop, context.conversation_id, forget_change=forget
            )
            if closed:
                logger.info("an offer or question left before a restart/greeting was closed")
            turn = message_turn(tracker, self.name())
            return run_turn(shop, context, turn, lambda: self.dialogue(shop, context, tracker))

        def flow(shop: Shop, context: ChatContext) -> list[Reply]:
            # A repeated message id replays its first answer and changes nothing (S13).
            return once_per_message(shop, context, this_delivery, lambda: turn_flow(shop, context))

        try:
            replies = await asyncio.to_thread(run_linked, shop_provider(), ctx, flow)
        except Exception:  # noqa: BLE001 - never a 500: Rasa would log the whole request
            # The traceback names the fault; the tracker (grant, history) is never logged.
            logger.exception("action %s failed; nothing was changed", self.name())
            send(dispatcher, [Reply("utter_action_failed")], ctx.channel)
            return []
        send(dispatcher, replies, ctx.channel)
        return self.events(tracker) + upset_events(tracker)
