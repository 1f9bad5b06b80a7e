"""G14 at the web channels: a message without the grant of a bound conversation never
reaches Rasa (it is answered by the channel), so it cannot touch the shopper's state."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sqlalchemy import select

from bot.channels import guard
from bot.config import PROJECT_ROOT
from bot.services.cart import create_cart
from bot.services.chat_sessions import WebTurnRefusal, bind_conversation, web_turn_refusal
from bot.services.linking import issue_link_code, redeem_link_code
from bot.services.shop import Shop
from bot.store.focus import FocusRepository
from bot.store.links import ChatSessionRepository
from bot.store.offers import OfferRepository
from bot.store.tables import OfferEventRow
from bot.tokens import issue_grant, verify_token


@pytest.fixture
def guarded_shop(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> Shop:
    monkeypatch.setenv("SHOP_SECRET", shop.secret)
    monkeypatch.setattr(guard, "shop_provider", lambda: shop)
    return shop


def bind(shop: Shop, conversation_id: str, token: str) -> None:
    grant = issue_grant(shop.secret, conversation_id, verify_token(shop.secret, token))
    bind_conversation(shop, conversation_id, grant)


def send(sender: str, text: str, metadata: dict[str, Any] | None) -> tuple[list, list]:
    """Run one REST-like message through the guard; (what reached Rasa, the channel's answer)."""
    reached: list[UserMessage] = []

    async def rasa(message: UserMessage) -> None:
        reached.append(message)

    output = CollectingOutputChannel()
    message = UserMessage(text, output, sender, input_channel="rest", metadata=metadata)
    asyncio.run(guard.guarded(rasa)(message))
    return reached, [m["text"] for m in output.messages]


def test_a_bound_conversation_takes_only_its_own_grant(guarded_shop: Shop) -> None:
    shop = guarded_shop
    _, token = create_cart(shop, "shopper")
    _, other = create_cart(shop, "intruder")
    bind(shop, "victim", token)

    for metadata in (None, {}, {"token": "forged.token"}, {"shop_grant": "g1.planted.x"}):
        reached, answer = send("victim", "hi", metadata)
        assert reached == [] and answer == [guard.REFUSALS[WebTurnRefusal.NO_ACCESS]]
    for text in ("/restart", "no", "/greet"):
        reached, answer = send("victim", text, {"token": other})
        assert reached == [] and answer == [guard.REFUSALS[WebTurnRefusal.CONFLICT]]

    reached, answer = send("victim", "hi", {"token": token})
    assert len(reached) == 1 and answer == []  # the shopper's own message goes through


def test_an_unbound_conversation_is_open(guarded_shop: Shop) -> None:
    _, token = create_cart(guarded_shop, "shopper")
    assert len(send("fresh-1", "hi", None)[0]) == 1
    assert len(send("fresh-2", "hi", {"token": token})[0]) == 1  # the first token binds later


def test_a_linked_messaging_users_conversation_takes_no_web_message(guarded_shop: Shop) -> None:
    """A Telegram chat id or phone number is guessable: REST must not talk into it."""
    shop = guarded_shop
    cart_id, token = create_cart(shop, "texter")
    code = issue_link_code(shop, token, cart_id).code
    redeem_link_code(shop, "telegram", "123456789", code)
    _, own = create_cart(shop, "web-intruder")

    for metadata in (None, {"token": own}):
        reached, answer = send("123456789", "no", metadata)
        assert reached == [] and answer == [guard.REFUSALS[WebTurnRefusal.NO_ACCESS]]
    assert web_turn_refusal(shop, "123456789", None) is WebTurnRefusal.NO_ACCESS


def test_a_web_binding_made_before_the_owner_links_stops_at_the_link(guarded_shop: Shop) -> None:
    """Review s21 S20: the attacker binds the phone number with their own cart first."""
    shop = guarded_shop
    _, own = create_cart(shop, "att3")
    reached, _ = send("+15559990003", "what's in my cart", {"token": own})
    assert len(reached) == 1  # not linked yet: an ordinary web conversation, now bound
    cart_id, token = create_cart(shop, "vic3")
    with shop.session_factory.begin() as session:
        offer = OfferRepository(session).record_shown(
            conversation_id="+15559990003", kind="addon", sku="PA-CASE-CLR", price_minor=1900
        )
        offer_id = offer.id
        FocusRepository(session).set("+15559990003", "PA-CASE-CLR")

    redeem_link_code(shop, "twilio", "+15559990003", issue_link_code(shop, token, cart_id).code)

    for text in ("yes", "what's in my cart", "remove it"):
        reached, answer = send("+15559990003", text, {"token": own})
        assert reached == [] and answer == [guard.REFUSALS[WebTurnRefusal.NO_ACCESS]]
    assert web_turn_refusal(shop, "+15559990003", None) is WebTurnRefusal.NO_ACCESS
    with shop.session_factory.begin() as session:
        assert ChatSessionRepository(session).get("+15559990003") is None
        assert FocusRepository(session).get("+15559990003") is None
        assert OfferRepository(session).open_offer("+15559990003") is None
        answer = session.scalar(select(OfferEventRow).where(OfferEventRow.offer_id == offer_id))
        assert answer is not None and answer.event == "superseded"


def test_the_channel_answers_in_the_domain_words() -> None:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]
    assert guard.REFUSALS[WebTurnRefusal.NO_ACCESS] == domain["utter_no_access"][0]["text"]
    assert guard.REFUSALS[WebTurnRefusal.CONFLICT] == domain["utter_session_conflict"][0]["text"]
