"""The rate limits' keys, settings and counting (in memory, on a fake clock: no I/O, no sleep)."""

from __future__ import annotations

import pytest
from limits.storage import MemoryStorage, memory

from bot.rate_limits import (
    DEFAULT_LIMITS,
    RateLimitConfigError,
    RateLimiter,
    RateLimitSettings,
    client_address,
    client_key,
    parse_limit,
    parse_trusted_proxies,
    storage_uri,
)

PROXIES = parse_trusted_proxies("10.0.0.0/8, 192.168.1.5")


class FakeClock:
    """A clock the test moves; it stands in for ``time`` in the library's memory storage."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(memory, "time", fake)
    return fake


def limiter(clock: FakeClock, **limits: str) -> RateLimiter:
    settings = RateLimitSettings().with_limits(**limits)
    return RateLimiter(settings, MemoryStorage(), clock=clock.time)


def test_without_trusted_proxies_the_forwarded_header_is_never_read() -> None:
    assert client_address("203.0.113.9", ["198.51.100.1"], ()) == "203.0.113.9"
    assert client_address("203.0.113.9", ["198.51.100.1"], PROXIES) == "203.0.113.9"  # not a proxy
    assert client_address(None, [], ()) == "unknown"


def test_behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() -> None:
    # the client wrote "1.1.1.1" itself; the proxy appended the address it saw
    assert client_address("10.0.0.2", ["1.1.1.1, 198.51.100.7"], PROXIES) == "198.51.100.7"
    chain = ["1.1.1.1, 198.51.100.7", "192.168.1.5"]  # two proxies, two headers
    assert client_address("10.0.0.2", chain, PROXIES) == "198.51.100.7"
    assert client_address("10.0.0.2", ["10.1.1.1"], PROXIES) == "10.1.1.1"  # all proxies
    assert client_address("10.0.0.2", [], PROXIES) == "10.0.0.2"  # no header: the proxy


def test_an_ipv6_client_is_counted_by_its_64_and_a_mapped_ipv4_as_ipv4() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:198.51.100.7") == "198.51.100.7"
    assert client_key("198.51.100.7") == "198.51.100.7"


def test_limits_parse_and_bad_settings_are_named() -> None:
    assert [(i.amount, i.get_expiry()) for i in parse_limit("x", "3/minute;10/hour")] == [
        (3, 60),
        (10, 3600),
    ]
    assert parse_limit("x", "off") == ()
    with pytest.raises(RateLimitConfigError, match="SHOP_LIMIT_GUEST_CARTS"):
        RateLimitSettings.from_env({"SHOP_LIMIT_GUEST_CARTS": "lots"})
    with pytest.raises(RateLimitConfigError, match="SHOP_TRUSTED_PROXIES"):
        parse_trusted_proxies("proxy.internal")


def test_settings_come_from_the_environment_with_defaults() -> None:
    settings = RateLimitSettings.from_env({"SHOP_LIMIT_CHAT_SENDER": "5/second"})
    assert [i.amount for i in settings.limits["chat_sender"]] == [5]
    assert settings.limits["guest_carts"] == parse_limit("", DEFAULT_LIMITS["guest_carts"])
    assert settings.trusted_proxies == () and settings.storage == "memory://"


def test_counts_are_kept_where_the_lock_store_is_unless_named() -> None:
    assert storage_uri({}) == "memory://"
    assert storage_uri({"REDIS_HOST": "redis", "REDIS_PORT": "6380", "REDIS_DB": "2"}) == (
        "redis://redis:6380/2"
    )
    assert storage_uri({"REDIS_HOST": "redis"}) == "redis://redis:6379/0"
    named = {"REDIS_HOST": "redis", "SHOP_RATE_LIMIT_STORAGE": "redis://limits:6379/5"}
    assert storage_uri(named) == "redis://limits:6379/5"


def test_a_client_gets_its_limit_then_waits_for_the_window_to_move(clock: FakeClock) -> None:
    limits = limiter(clock, guest_carts="3/minute")
    assert [limits.hit("guest_carts", "a").allowed for _ in range(3)] == [True] * 3
    clock.now += 20
    refused = limits.hit("guest_carts", "a")
    assert not refused.allowed and refused.retry_after == 41
    assert limits.hit("guest_carts", "b").allowed  # another client has its own count
    clock.now += refused.retry_after - 1
    assert not limits.hit("guest_carts", "a").allowed  # Retry-After is not too early
    clock.now += 1
    assert limits.hit("guest_carts", "a").allowed


def test_refused_events_are_not_counted_and_every_part_must_hold(clock: FakeClock) -> None:
    limits = limiter(clock, chat_sender="2/minute;3/hour")
    assert limits.hit("chat_sender", "s").allowed and limits.hit("chat_sender", "s").allowed
    for _ in range(5):
        assert not limits.hit("chat_sender", "s").allowed
    clock.now += 61
    assert limits.hit("chat_sender", "s").allowed  # the 5 refusals were not counted
    clock.now += 61
    hourly = limits.hit("chat_sender", "s")
    assert not hourly.allowed and hourly.retry_after > 3000


def test_check_counts_nothing_and_an_off_limit_never_refuses(clock: FakeClock) -> None:
    limits = limiter(clock, failed_auth="1/minute", guest_carts="off")
    for _ in range(3):
        assert limits.check("failed_auth", "c").allowed
    limits.count("failed_auth", "c")
    assert not limits.check("failed_auth", "c").allowed
    assert all(limits.hit("guest_carts", "c").allowed for _ in range(100))


def test_exempt_clients_have_no_key_and_proxies_still_decide_who_the_client_is() -> None:
    settings = RateLimitSettings.from_env(
        {"SHOP_TRUSTED_PROXIES": "127.0.0.1", "SHOP_RATE_LIMIT_EXEMPT": "127.0.0.1, 10.8.0.0/16"}
    )
    assert settings.client("127.0.0.1", []) is None  # the runner itself
    assert settings.client("10.8.3.4", ["198.51.100.1"]) is None  # no proxy: the peer counts
    assert settings.client("127.0.0.1", ["198.51.100.1"]) == "198.51.100.1"  # forwarded
    assert settings.client("127.0.0.1", ["10.8.9.9"]) is None  # an exempt client, forwarded
    with pytest.raises(RateLimitConfigError, match="SHOP_RATE_LIMIT_EXEMPT"):
        RateLimitSettings.from_env({"SHOP_RATE_LIMIT_EXEMPT": "backend.internal"})
