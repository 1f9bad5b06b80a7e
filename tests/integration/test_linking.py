"""Linking services, the chat flows for messaging users, and the link-code API endpoint."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update

from bot.api.app import create_app
from bot.chat import cart as cart_flow
from bot.chat.linking import link_account, run_linked
from bot.chat.replies import ChatContext, Reply
from bot.domain.errors import Forbidden, InvalidLinkCode, InvalidToken
from bot.domain.linking import CODE_ALPHABET, CODE_LENGTH, code_hash
from bot.services.choices import answer_choice, offer_choices
from bot.services.linking import issue_link_code, redeem_link_code, resolve_link
from bot.services.shop import Shop
from bot.store.tables import ChannelLinkRow, LinkCodeRow, utcnow
from bot.tokens import verify_token


def test_issue_stores_only_a_hash_that_expires_in_15_minutes(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, "alice")
    before = utcnow()

    issued = issue_link_code(shop, token, cart_id)

    assert len(issued.code) == CODE_LENGTH and set(issued.code) <= set(CODE_ALPHABET)
    with shop.session_factory.begin() as session:
        row = session.scalar(select(LinkCodeRow))
        assert row.code_hash == code_hash(shop.secret, issued.code)
        assert row.cart_id == cart_id and row.used_at is None
    assert before + timedelta(minutes=15) <= issued.expires_at <= utcnow() + timedelta(minutes=15)


def test_issue_needs_the_carts_token(shop: Shop, new_cart) -> None:
    cart_id, _ = new_cart(shop, "alice")
    _, other_token = new_cart(shop, "bob")

    with pytest.raises(Forbidden):
        issue_link_code(shop, other_token, cart_id)
    with pytest.raises(InvalidToken):
        issue_link_code(shop, None, cart_id)


def test_redeem_links_the_sender_once(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, "alice", [("PA-CASE-CLR", 2)])
    code = issue_link_code(shop, token, cart_id).code

    linked = redeem_link_code(shop, "telegram", "4242", code.lower())

    assert (linked.channel, linked.sender_id, linked.cart.cart_id) == ("telegram", "4242", cart_id)
    assert [line.product.sku for line in linked.cart.lines] == ["PA-CASE-CLR"]
    claims = verify_token(shop.secret, resolve_link(shop, "telegram", "4242"))
    assert claims.cart_id == cart_id
    with pytest.raises(InvalidLinkCode, match="used"):
        redeem_link_code(shop, "slack", "U1", code)
    assert resolve_link(shop, "slack", "U1") is None


def test_links_are_per_channel_and_sender(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, "alice")
    redeem_link_code(shop, "twilio", "+15550001", issue_link_code(shop, token, cart_id).code)

    assert resolve_link(shop, "twilio", "+15550001") is not None
    assert resolve_link(shop, "twilio", "+15550002") is None
    assert resolve_link(shop, "telegram", "+15550001") is None
    assert resolve_link(shop, None, "+15550001") is None


def test_expired_and_unknown_codes_are_refused(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, "alice")
    code = issue_link_code(shop, token, cart_id).code
    with shop.session_factory.begin() as session:
        session.execute(update(LinkCodeRow).values(expires_at=utcnow() - timedelta(seconds=1)))

    with pytest.raises(InvalidLinkCode, match="expired"):
        redeem_link_code(shop, "slack", "U1", code)
    with pytest.raises(InvalidLinkCode, match="unknown"):
        redeem_link_code(shop, "slack", "U1", "ABCD2345")
    with shop.session_factory.begin() as session:
        assert session.scalar(select(ChannelLinkRow)) is None


def test_web_channels_cannot_link(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, "alice")
    code = issue_link_code(shop, token, cart_id).code

    with pytest.raises(InvalidLinkCode):
        redeem_link_code(shop, "rest", "anyone", code)
    assert redeem_link_code(shop, "slack", "U1", code).cart.cart_id == cart_id  # still unused


def test_relinking_moves_the_sender_to_the_new_cart(shop: Shop, new_cart) -> None:
    first, first_token = new_cart(shop, "alice")
    second, second_token = new_cart(shop, "alice")
    redeem_link_code(shop, "slack", "U1", issue_link_code(shop, first_token, first).code)
    redeem_link_code(shop, "slack", "U1", issue_link_code(shop, second_token, second).code)

    assert verify_token(shop.secret, resolve_link(shop, "slack", "U1")).cart_id == second


def test_chat_link_flow_replies(shop: Shop, new_cart) -> None:
    cart_id, token = new_cart(shop, "alice", [("PA-CASE-CLR", 2)])
    code = issue_link_code(shop, token, cart_id).code
    ctx = ChatContext("U9", None, channel="slack")

    assert link_account(shop, ctx, None, "link nope") == [Reply("utter_link_invalid")]
    replies = link_account(shop, ctx, None, f"link {code.lower()}")
    assert replies == [
        Reply(
            "utter_link_done",
            {
                "subtotal": "$38.00",
                "shipping": "$4.99",
                "total": "$42.99",
                "threshold": "$50.00",
                "remaining": "$12.00",
            },
        )
    ]
    web = ChatContext("web-1", token, channel="rest")
    assert link_account(shop, web, code, None) == [Reply("utter_link_not_here")]


def test_unlinked_messaging_user_is_asked_to_link_and_sees_no_cart(shop: Shop, new_cart) -> None:
    def show(shop: Shop, ctx: ChatContext) -> list[Reply]:
        return cart_flow.show_cart(shop, ctx)

    assert run_linked(shop, ChatContext("U7", None, channel="slack"), show) == [
        Reply("utter_link_needed")
    ]
    assert run_linked(shop, ChatContext("web-7", None, channel="rest"), show) == [
        Reply("utter_no_access")
    ]
    cart_id, token = new_cart(shop, "alice", [("PA-CASE-CLR", 1)])
    redeem_link_code(shop, "slack", "U7", issue_link_code(shop, token, cart_id).code)
    (summary,) = run_linked(shop, ChatContext("U7", None, channel="slack"), show)
    assert summary.response == "utter_cart_summary"
    assert summary.params["lines"] == "- 1 × Clear Phone Case: $19.00"


def test_numbered_choices_answer_only_the_next_message(shop: Shop) -> None:
    offer_choices(shop, "twilio", "+1555", [("Yes, add it", "/affirm"), ("No thanks", "/deny")])

    assert answer_choice(shop, "twilio", "+1556", "1") is None  # another user
    assert answer_choice(shop, "twilio", "+1555", "2") == "/deny"
    assert answer_choice(shop, "twilio", "+1555", "2") is None  # used up

    offer_choices(shop, "twilio", "+1555", [("Yes", "/affirm"), ("No", "/deny")])
    assert answer_choice(shop, "twilio", "+1555", "what's in my cart") is None
    assert answer_choice(shop, "twilio", "+1555", "1") is None  # forgotten after other text
    offer_choices(shop, "twilio", "+1555", [("Yes", "/affirm")])
    assert answer_choice(shop, "twilio", "+1555", "3") is None  # no such choice


def test_link_code_endpoint(shop: Shop) -> None:
    async def scenario(client: TestClient) -> None:
        server = {"Authorization": "Bearer link-test-key"}
        created = await (
            await client.post("/api/carts", json={"customer_id": "alice"}, headers=server)
        ).json()
        cart_id, token = created["cart_id"], created["token"]
        response = await client.post(
            f"/api/carts/{cart_id}/link-codes", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status == 201
        body = await response.json()
        assert set(body) == {"code", "expires_at", "command", "telegram_url"}
        assert body["command"] == f"link {body['code']}"
        assert body["telegram_url"] == f"https://t.me/demo_shop_bot?start={body['code']}"
        forged = await client.post(
            f"/api/carts/{cart_id}/link-codes", headers={"Authorization": "Bearer x.y"}
        )
        assert forged.status == 401
        assert set(await forged.json()) == {"error"}
        redeemed = redeem_link_code(shop, "telegram", "77", body["code"])
        assert redeemed.cart.cart_id == cart_id

    async def main() -> None:
        app = create_app(shop, telegram_bot="demo_shop_bot", api_key="link-test-key")
        async with TestClient(TestServer(app)) as client:
            await scenario(client)

    asyncio.run(main())
