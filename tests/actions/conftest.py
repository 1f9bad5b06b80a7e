"""Action test tier: run the Rasa SDK actions against a fresh, seeded SQLite store.

What this tier checks: that every action reads the tracker the way Rasa sends it
(slots, latest message, metadata, message id), calls the right chat flow, utters the
right domain responses with the right template values, and returns the right events.

Helpers (plain functions, also available as fixtures of the same name):

``make_tracker(...)``
    Builds a :class:`rasa_sdk.Tracker` from the JSON shape Rasa posts to the action
    server (``Tracker.from_dict``). Slots default to the domain's initial values.
``run_action(action, tracker) -> (messages, events)``
    Runs ``action.run`` with a :class:`CollectingDispatcher` and the domain; returns the
    raw dispatcher messages and the returned events. It also checks that each uttered
    response exists in ``domain.yml`` and that its template values fill every
    placeholder of the response (text and button titles).
``replies(messages) -> [(response, params), ...]``
    The dispatcher messages as ``(response name, template values)`` pairs, after
    checking that nothing but a response and its values was sent (no raw text, no
    buttons: those come from the domain).
``render(message, slots=None)``
    The bot message Rasa would produce for one dispatcher message (Rasa's own
    templated NLG), to assert on final text and buttons.

Fixtures:

``shop`` (autouse)
    A fresh copy of a store seeded once per session with the demo shop (2400 orders),
    with ``actions.common.shop_provider`` pointed at it: no test touches ``var/``.
    The template is ``tests/conftest.py``'s ``seeded_template`` when that fixture exists
    and holds the same demo shop, else this tier's own. (Overrides any outer ``shop``.)
``cart``
    A new cart of customer ``cust-1`` and the token that grants it.
``chat``
    A :class:`Conversation` for ``conv-1`` bound to that cart in the store (as after a
    first message with its token).
``bind``
    ``bind(sender_id, token)``: bind another conversation to a token's cart.
``conversation``
    The :class:`Conversation` class itself, for further conversations in a test.
``cart_lines``
    ``cart_lines(cart) -> {sku: quantity}`` read from the store (``get_cart``).

Test modules use these through fixtures only (never ``from conftest import``), so the
tier works whatever other ``conftest.py`` files exist and whatever the import mode.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.common
from bot.channels.guard import exchange_token
from bot.demo.catalog import PLANS, PRODUCTS
from bot.domain.buttons import parse_payload
from bot.services.cart import create_cart, get_cart
from bot.services.chat_sessions import bind_conversation
from bot.services.seed import seed_demo
from bot.services.shop import Shop, build_shop
from bot.tokens import issue_grant, verify_token

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOMAIN: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text("utf-8"))
SECRET = "test-secret"
DEMO_ORDERS = 2400

DEFAULT_SLOTS: dict[str, Any] = {
    "shop_token": None,
    "product": None,
    "quantity": None,
    "customer_upset": False,
    "session_started_metadata": None,
}
"""The slots Rasa sends for a new conversation: the domain's plus Rasa's metadata slot."""

_UTTER_DEFAULTS: dict[str, Any] = {
    "text": None,
    "buttons": [],
    "elements": [],
    "custom": {},
    "image": None,
    "attachment": None,
}
"""What ``dispatcher.utter_message(response=...)`` puts in a message besides the values."""

_PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")

Entities = Sequence[Mapping[str, Any]] | Mapping[str, Any] | None


def _entity_list(entities: Entities) -> list[dict[str, Any]]:
    if entities is None:
        return []
    if isinstance(entities, Mapping):
        entities = [{"entity": name, "value": value} for name, value in entities.items()]
    return [
        {"start": 0, "end": 0, "confidence_entity": 1.0, "extractor": "test", **dict(e)}
        for e in entities
    ]


def make_tracker(
    sender_id: str = "conv-1",
    text: str = "",
    intent: str = "add_item",
    entities: Entities = None,
    slots: Mapping[str, Any] | None = None,
    metadata: Mapping[str, Any] | None = None,
    message_id: str | None = "",
    events: list[dict[str, Any]] | None = None,
    input_channel: str | None = None,
    confidence: float = 1.0,
    shown: Sequence[str] = (),
) -> Tracker:
    """Build a tracker the way Rasa sends it to the action server.

    Args:
        sender_id: The conversation id (``tracker.sender_id``).
        text: The latest user message's text.
        intent: The latest message's intent name (confidence 1.0).
        entities: The latest message's entities: a list of Rasa entity dicts
            (``{"entity": "product", "value": "clear phone case"}``; offsets are filled
            in), or the shorthand ``{"product": "clear phone case", "quantity": "2"}``.
            Entities do not fill slots here: pass ``slots`` for what Rasa's slot
            mappings would have set (or use :class:`Conversation`, which does).
        slots: Slot values on top of :data:`DEFAULT_SLOTS`; unknown names are an error.
        metadata: The latest message's metadata as the client sent it (e.g.
            ``{"token": "..."}``); a ``token`` is swapped for a conversation-bound grant
            exactly as the web channels do before Rasa stores the message
            (``bot.channels.guard.exchange_token``). ``None`` means the channel sent none.
        message_id: The latest message's id (Rasa's ``message_id``); ``None`` for none; by
            default a new one per tracker, as Rasa gives every message (a repeated id is a
            retry: ``bot.chat.replays``).
        events: The tracker's events; by default an ``action_listen`` and the user
            message itself.
        input_channel: The channel the user message came in on (``"telegram"``...);
            ``None`` for none, as in Rasa's own tests.
        confidence: The intent's confidence (1.0, as for a button payload, by default).
        shown: Payloads of the buttons of the bot's last reply (a bot event before the
            user message in the default events): a payload among them is a live press.

    Returns:
        ``Tracker.from_dict`` of the state dict, with ``paused`` False, no follow-up
        action, no active loop and ``action_listen`` as the latest action.
    """
    unknown = set(slots or {}) - set(DEFAULT_SLOTS)
    if unknown:
        raise ValueError(f"not a domain slot: {sorted(unknown)}")
    if metadata is not None:
        metadata = exchange_token(metadata, sender_id, SECRET)
    if message_id == "":
        message_id = uuid.uuid4().hex
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": _entity_list(entities),
        "metadata": dict(metadata) if metadata is not None else {},
        "message_id": message_id,
    }
    if events is None:
        buttons = [{"title": payload, "payload": payload} for payload in shown]
        reply = {"event": "bot", "text": "…", "data": {"buttons": buttons}, "timestamp": None}
        events = [
            {"event": "action", "name": "action_listen", "timestamp": None},
            *([reply] if shown else []),
            {
                "event": "user",
                "text": text,
                "parse_data": latest_message,
                "metadata": latest_message["metadata"],
                "message_id": message_id,
                "input_channel": input_channel,
                "timestamp": None,
            },
        ]
    return Tracker.from_dict(
        {
            "sender_id": sender_id,
            "slots": {**DEFAULT_SLOTS, **(slots or {})},
            "latest_message": latest_message,
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def _params(message: Mapping[str, Any]) -> dict[str, Any]:
    skip = {*_UTTER_DEFAULTS, "template", "response"}
    # ``<param>_plain``: the unescaped copies for plain-text titles (``actions.common.send``).
    return {k: v for k, v in message.items() if k not in skip and not k.endswith("_plain")}


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a nested custom payload."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _check_against_domain(message: Mapping[str, Any]) -> None:
    """The response exists and its values fill every placeholder (Rasa leaves gaps as is)."""
    name = message.get("response")
    assert name in DOMAIN["responses"], f"{name!r} is not a response in domain.yml"
    params = {*_params(message), *(k for k in message if k.endswith("_plain"))}
    for variant in DOMAIN["responses"][name]:  # every channel's variant, cards included
        pieces = [variant.get("text", "")]
        pieces += [button["title"] for button in variant.get("buttons", [])]
        pieces += list(_strings(variant.get("custom", {})))
        wanted = {p for piece in pieces for p in _PLACEHOLDER.findall(piece)}
        missing = wanted - set(params)
        assert not missing, f"{name} is missing template values {sorted(missing)}"


def run_action(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict]]:
    """Run an action as the action server would.

    Returns:
        The dispatcher's messages and the action's events.
    """
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    for message in dispatcher.messages:
        _check_against_domain(message)
    return dispatcher.messages, list(events)


def replies(messages: Sequence[Mapping[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """``(response, template values)`` per message; nothing else may have been sent.

    Buttons a flow added (``Reply.buttons``) appear as ``"buttons": [titles]`` in the values.
    """
    pairs = []
    for message in messages:
        plain = {**message, "buttons": []}  # buttons a flow adds are listed by title below
        assert {k: plain[k] for k in _UTTER_DEFAULTS} == _UTTER_DEFAULTS, message
        assert message["template"] == message["response"], message
        params = _params(message)
        if message["buttons"]:
            params["buttons"] = [button["title"] for button in message["buttons"]]
        pairs.append((message["response"], params))
    return pairs


def render(message: Mapping[str, Any], slots: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The bot message Rasa's templated NLG makes of one dispatcher message."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

    nlg = TemplatedNaturalLanguageGenerator(DOMAIN["responses"])
    filled = {**DEFAULT_SLOTS, **(slots or {})}
    values = _params(message)
    # A message from replies(...) lost its plain copies: the demo names need no escaping.
    values |= {f"{k}_plain": message.get(f"{k}_plain", v) for k, v in values.items()}
    rendered = nlg.generate_from_slots(message["response"], filled, "collector", **values)
    assert rendered is not None
    return rendered


@dataclass
class Conversation:
    """One conversation driven through the actions, with slots kept the way Rasa keeps them.

    Before each action, ``product``/``quantity`` entities fill their slots (the domain's
    ``from_entity`` mappings); after it, the returned ``SlotSet`` events are applied.
    Each turn gets a new message id unless one is given.
    """

    sender_id: str = "conv-1"
    slots: dict[str, Any] = field(default_factory=dict)
    turns: int = 0
    token: str | None = None
    """The cart token the widget sends with every message (``None``: a tokenless chat)."""
    last_buttons: list[str] = field(default_factory=list)
    """Payloads of the buttons of the previous reply (live presses for the next message)."""

    def run(
        self,
        action: Action,
        *,
        text: str = "",
        intent: str = "add_item",
        entities: Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        message_id: str | None = None,
        confidence: float = 1.0,
        shown: Sequence[str] | None = None,
    ) -> tuple[list[tuple[str, dict[str, Any]]], list[dict]]:
        """Run one action for one user message; returns ``replies(...)`` and the events.

        ``shown``: the payloads of the buttons the bot showed before this message (by
        default, those of this conversation's previous reply).
        """
        self.turns += 1
        for name, value in (entities or {}).items():
            if name in ("product", "quantity"):
                self.slots[name] = value
        if metadata is None and self.token:
            metadata = {"token": self.token}
        tracker = make_tracker(
            sender_id=self.sender_id,
            text=text,
            intent=intent,
            entities=entities,
            slots=self.slots,
            metadata=metadata,
            confidence=confidence,
            message_id=message_id or f"{self.sender_id}-m{self.turns}",
            shown=self.last_buttons if shown is None else shown,
        )
        messages, events = run_action(action, tracker)
        self.last_buttons = [b["payload"] for m in messages for b in m.get("buttons") or []]
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return replies(messages), events

    def press(
        self, action: Action, button: int = 0, **kwargs: Any
    ) -> tuple[list[tuple[str, dict[str, Any]]], list[dict]]:
        """Press button ``button`` of the previous reply, its payload exactly as shown.

        A question's buttons carry its id (``/affirm{"question_id":"42.1"}``): the intent
        and entities are read from the payload, as Rasa reads a pressed button.
        """
        payload = self.last_buttons[button]
        parsed = parse_payload(payload)
        assert parsed is not None, payload
        intent, entities = parsed
        return self.run(action, text=payload, intent=intent, entities=entities, **kwargs)


@dataclass(frozen=True)
class CartAccess:
    """A cart in the test store, its customer and the token granting both."""

    cart_id: int
    token: str
    customer_ref: str


def cart_lines(shop: Shop, cart: CartAccess) -> dict[str, int]:
    """What the store holds in the cart: quantity by SKU."""
    view = get_cart(shop, cart.token, cart.cart_id)
    return {line.product.sku: line.quantity for line in view.lines}


def _is_seeded_demo(path: Path) -> bool:
    """Whether a SQLite file holds exactly the demo shop this tier's expectations rely on."""
    if not path.is_file() or path.with_name(path.name + "-wal").exists():
        return False  # a template with an unmerged WAL cannot be read (or copied) as one file
    try:
        with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as connection:
            orders = connection.execute("SELECT count(*) FROM orders").fetchone()[0]
            products = connection.execute("SELECT count(*) FROM products").fetchone()[0]
            plans = connection.execute("SELECT count(*) FROM plans").fetchone()[0]
    except sqlite3.Error:
        return False
    return (orders, products, plans) == (DEMO_ORDERS, len(PRODUCTS), len(PLANS))


@pytest.fixture(scope="session")
def seeded_store_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A SQLite file with the demo shop (2400 orders), seeded once per session (~8 s).

    When ``tests/conftest.py`` offers a ``seeded_template`` that holds the same demo shop,
    it is reused (one seeding for the whole run); otherwise this tier seeds its own.
    """
    try:
        shared = Path(request.getfixturevalue("seeded_template"))
    except pytest.FixtureLookupError:
        shared = None
    if shared is not None and _is_seeded_demo(shared):
        return shared
    path = tmp_path_factory.mktemp("seeded-shop") / "shop.db"
    template = build_shop(f"sqlite:///{path}", secret=SECRET)
    assert seed_demo(template, orders=DEMO_ORDERS) == DEMO_ORDERS
    template.engine.dispose()  # closing the last connection checkpoints the WAL
    return path


@pytest.fixture(autouse=True)
def shop(
    seeded_store_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Shop]:
    """A fresh copy of the seeded store for each test; the actions use it."""
    copy = tmp_path / "shop.db"
    shutil.copy(seeded_store_template, copy)
    for suffix in ("-wal", "-shm"):
        sidecar = seeded_store_template.with_name(seeded_store_template.name + suffix)
        if sidecar.exists():
            shutil.copy(sidecar, copy.with_name(copy.name + suffix))
    fresh = build_shop(f"sqlite:///{copy}", secret=SECRET)
    monkeypatch.setattr(actions.common, "shop_provider", lambda: fresh)
    yield fresh
    fresh.engine.dispose()


@pytest.fixture
def cart(shop: Shop) -> CartAccess:
    """A new, empty cart of customer ``cust-1``."""
    cart_id, token = create_cart(shop, "cust-1")
    return CartAccess(cart_id, token, "cust-1")


def bind(shop: Shop, sender_id: str, token: str) -> None:
    """Bind a conversation to a token's cart, as its first message with that token did."""
    grant = issue_grant(SECRET, sender_id, verify_token(SECRET, token))
    bind_conversation(shop, sender_id, grant)


@pytest.fixture
def chat(shop: Shop, cart: CartAccess) -> Conversation:
    """Conversation ``conv-1`` whose every message carries the cart's token, as the widget's do."""
    bind(shop, "conv-1", cart.token)
    return Conversation("conv-1", token=cart.token)


@pytest.fixture(name="bind")
def _bind_fixture(shop: Shop) -> Any:
    """``bind(sender_id, token)``: bind a conversation to a token's cart in the test store."""
    return lambda sender_id, token: bind(shop, sender_id, token)


@pytest.fixture
def conversation() -> type[Conversation]:
    """The :class:`Conversation` class, to start more conversations in one test."""
    return Conversation


@pytest.fixture(name="cart_lines")
def _cart_lines_fixture(shop: Shop) -> Any:
    """``cart_lines(cart)``: quantity by SKU in the store for a :class:`CartAccess`."""
    return lambda access: cart_lines(shop, access)


@pytest.fixture(name="make_tracker")
def _make_tracker_fixture() -> Any:
    return make_tracker


@pytest.fixture(name="run_action")
def _run_action_fixture() -> Any:
    return run_action


@pytest.fixture(name="replies")
def _replies_fixture() -> Any:
    return replies


@pytest.fixture(name="render")
def _render_fixture() -> Any:
    return render
