"""G22: an attacker floods the running stack with guest carts, key guesses and chat turns.

The stack keeps the default limits (``bot.rate_limits.DEFAULT_LIMITS``) and trusts the test
runner as its proxy, so each attack comes from its own address via ``X-Forwarded-For``; the
other security tests (the runner's own address) are exempt and unaffected.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from bot.channels.throttle import SLOW_DOWN
from bot.rate_limits import DEFAULT_LIMITS, parse_limit
from bot.store.tables import CustomerRow
from tests.live.helpers import SERVER_KEY, Live, http
from tests.security.test_rest_channel import tracker_events


def per_minute(name: str) -> int:
    """The default per-minute allowance of a limit (its first part)."""
    return parse_limit(name, DEFAULT_LIMITS[name])[0].amount


def attacker() -> dict[str, str]:
    """A fresh attacker address, as the trusted proxy (the test runner) forwards it."""
    return {"X-Forwarded-For": "203.0.113." + str(uuid.uuid4().int % 250 + 1)}


def customers(live: Live) -> int:
    with live.shop.session_factory() as session:
        return session.scalar(select(func.count()).select_from(CustomerRow))


def test_a_script_making_guest_carts_is_stopped_at_the_limit(secure: Live) -> None:
    via, allowed = attacker(), per_minute("guest_carts")
    carts = f"{secure.stack.shop_url}/api/carts"
    before = customers(secure)
    answers = [http("POST", carts, {}, headers=via) for _ in range(allowed + 5)]
    assert [status for status, _ in answers] == [201] * allowed + [429] * 5
    assert "new carts" in answers[-1][1]["error"] and answers[-1][1]["retry_after"] >= 1
    status, _ = http("POST", f"{secure.stack.shop_url}/api/demo/shoppers", headers=via)
    assert status == 429  # the demo shopper endpoint shares the budget
    assert customers(secure) == before + allowed  # the refused requests made nothing
    assert http("POST", carts, {}, headers=attacker())[0] == 201  # another shopper: a cart


def test_guessing_the_server_key_locks_the_guesser_out(secure: Live) -> None:
    via, allowed = attacker(), per_minute("failed_auth")
    report = f"{secure.stack.shop_url}/admin/gap-fillers"
    statuses = [http("GET", report, token=f"guess-{n}", headers=via)[0] for n in range(allowed + 2)]
    assert statuses == [401] * allowed + [429] * 2
    status, body = http("GET", report, token=SERVER_KEY, headers=via)  # the right key, too late
    assert status == 429 and "credentials" in body["error"]
    assert http("GET", report, token=SERVER_KEY)[0] == 200  # the shop backend is not locked out


def test_a_chat_flood_is_answered_by_the_channel_and_never_stored(secure: Live) -> None:
    via, allowed = attacker(), per_minute("chat_sender")
    sender = f"flood-{uuid.uuid4().hex}"
    body = {"sender": sender, "message": "/greet"}
    for _ in range(allowed):
        status, replies = http("POST", secure.stack.rest_url, body, headers=via)
        assert status == 200 and replies, replies
    stored = tracker_events(secure, sender)
    status, replies = http("POST", secure.stack.rest_url, body, headers=via)
    assert status == 429 and replies == [{"recipient_id": sender, "text": SLOW_DOWN}]
    assert tracker_events(secure, sender) == stored  # the refused turn never reached Rasa
