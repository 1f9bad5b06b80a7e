"""Rate limits for everything that faces the internet, counted by the ``limits`` library.

Four limits, each a ``limits`` string (``"20/minute;200/hour"``: every part must hold):

* ``guest_carts``: anonymous carts made per client (``POST /api/carts {}``, demo shoppers);
* ``chat_sender``: chat turns per conversation (REST ``sender``, socket.io session id);
* ``chat_client``: chat turns per client address, all conversations together;
* ``failed_auth``: failed credentials per client (server key, cart or customer token); a
  client over it gets 429 for every credentialed request, a right credential too.

The window is a moving window (:class:`limits.strategies.MovingWindowRateLimiter`). Counts
live in memory by default, or in Redis (``SHOP_RATE_LIMIT_STORAGE`` or ``REDIS_HOST``) so
several replicas share them. A client is its address (an IPv6 client its /64); the
``X-Forwarded-For`` header is read only from the proxies listed in ``SHOP_TRUSTED_PROXIES``.
Clients in ``SHOP_RATE_LIMIT_EXEMPT`` (the shop's backend, a load generator) are not limited.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
T = TypeVar("T")

DEFAULT_LIMITS = {
    "guest_carts": "20/minute;200/hour",
    "chat_sender": "30/minute;600/hour",
    "chat_client": "120/minute;3000/hour",
    "failed_auth": "10/minute;50/hour",
}
"""The embedded defaults; ``SHOP_LIMIT_<NAME>`` (upper case) overrides each one."""
_OFF = {"0", "off", "none"}
IPV6_PREFIX = 64
"""An IPv6 client is counted by its /64: one subscriber usually holds a whole /64."""


class RateLimitConfigError(ValueError):
    """A ``SHOP_LIMIT_*``, ``SHOP_TRUSTED_PROXIES`` or storage setting that cannot be used."""


def parse_limit(name: str, raw: str) -> tuple[RateLimitItem, ...]:
    """The limits a setting names; ``off`` (or ``0``) names none (the limit is off).

    Raises:
        RateLimitConfigError: Not a ``limits`` string such as ``"20/minute;200/hour"``.
    """
    if raw.strip().lower() in _OFF:
        return ()
    try:
        return tuple(parse_many(raw))
    except ValueError as exc:
        raise RateLimitConfigError(f"{name}: {raw!r} is not like '20/minute;200/hour'") from exc


def parse_networks(name: str, raw: str) -> tuple[Network, ...]:
    """Addresses or networks (``10.0.0.0/8``), space or comma separated.

    Raises:
        RateLimitConfigError: An entry that is no IP address or network.
    """
    try:
        parts = raw.replace(",", " ").split()
        return tuple(ipaddress.ip_network(part, strict=False) for part in parts)
    except ValueError as exc:
        raise RateLimitConfigError(f"{name}: {exc}") from exc


def parse_trusted_proxies(raw: str) -> tuple[Network, ...]:
    """``SHOP_TRUSTED_PROXIES``: see :func:`parse_networks`."""
    return parse_networks("SHOP_TRUSTED_PROXIES", raw)


def storage_uri(env: Mapping[str, str]) -> str:
    """``SHOP_RATE_LIMIT_STORAGE``, else the lock store's Redis (``REDIS_HOST``), else memory."""
    configured = env.get("SHOP_RATE_LIMIT_STORAGE", "").strip()
    if configured:
        return configured
    host = env.get("REDIS_HOST", "").strip()
    if host:
        port = env.get("REDIS_PORT", "").strip() or "6379"
        return f"redis://{host}:{port}/{env.get('REDIS_DB', '').strip() or '0'}"
    return "memory://"


@dataclass(frozen=True)
class RateLimitSettings:
    """The limits by name, the trusted proxies and where counts are kept."""

    limits: Mapping[str, tuple[RateLimitItem, ...]] = field(
        default_factory=lambda: {k: parse_limit(k, v) for k, v in DEFAULT_LIMITS.items()}
    )
    trusted_proxies: tuple[Network, ...] = ()
    storage: str = "memory://"
    exempt: tuple[Network, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RateLimitSettings:
        """Read ``SHOP_LIMIT_*``, ``SHOP_TRUSTED_PROXIES`` and the storage (see module doc).

        Raises:
            RateLimitConfigError: A setting that cannot be used.
        """
        env = os.environ if env is None else env
        limits = {}
        for name, default in DEFAULT_LIMITS.items():
            variable = f"SHOP_LIMIT_{name.upper()}"
            limits[name] = parse_limit(variable, env.get(variable, "").strip() or default)
        proxies = parse_trusted_proxies(env.get("SHOP_TRUSTED_PROXIES", ""))
        exempt = parse_networks("SHOP_RATE_LIMIT_EXEMPT", env.get("SHOP_RATE_LIMIT_EXEMPT", ""))
        return cls(limits, proxies, storage_uri(env), exempt)

    def with_limits(self, **overrides: str) -> RateLimitSettings:
        """A copy with some limits replaced (``chat_sender="3/minute"``)."""
        limits = {**self.limits, **{k: parse_limit(k, v) for k, v in overrides.items()}}
        return RateLimitSettings(limits, self.trusted_proxies, self.storage, self.exempt)

    def client(self, peer: str | None, forwarded_for: Iterable[str]) -> str | None:
        """The counting key of a request's client, or ``None`` for an exempt client.

        Args:
            peer: The connection's remote address.
            forwarded_for: Every ``X-Forwarded-For`` header value (read from trusted proxies
                only, :func:`client_address`).
        """
        address = client_address(peer, forwarded_for, self.trusted_proxies)
        return None if _trusted(address, self.exempt) else client_key(address)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(text: str, proxies: Sequence[Network]) -> bool:
    address = _address(text)
    return address is not None and any(address in network for network in proxies)


def client_address(
    peer: str | None, forwarded_for: Iterable[str], proxies: Sequence[Network]
) -> str:
    """The client a request counts against.

    Args:
        peer: The connection's remote address.
        forwarded_for: Every ``X-Forwarded-For`` header value, in order.
        proxies: The trusted proxies (``SHOP_TRUSTED_PROXIES``).

    Returns:
        The peer, unless the peer is a trusted proxy: then the right-most address in
        ``X-Forwarded-For`` that is no trusted proxy (entries left of it are the client's
        own words). Without trusted proxies the header is never read: anyone can send it.
    """
    peer = (peer or "").strip() or "unknown"
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:64]
    return hops[0][:64] if hops else peer


def client_key(address: str) -> str:
    """The counting key of an address: itself, an IPv6 address its /64, other text as is."""
    parsed = _address(address)
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(parsed.ipv4_mapped)
    return str(parsed) if parsed is not None else address[:64]


@dataclass(frozen=True)
class Verdict:
    """Whether a request may go on, and if not, in how many seconds it may."""

    allowed: bool
    retry_after: int = 0


ALLOWED = Verdict(True)


class RateLimiter:
    """The named limits over one ``limits`` storage. Storage faults let requests through."""

    def __init__(
        self,
        settings: RateLimitSettings,
        storage: Storage | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Use ``storage`` (default: the one ``settings.storage`` names) and ``clock``."""
        self.settings = settings
        self._storage = storage or storage_from_string(settings.storage)
        self._strategy = MovingWindowRateLimiter(self._storage)
        self._clock = clock

    def _items(self, name: str, keys: Sequence[str]) -> list[tuple[RateLimitItem, str]]:
        return [(item, key) for key in keys for item in self.settings.limits.get(name, ())]

    def _retry_after(self, item: RateLimitItem, key: str, name: str) -> int:
        reset, _ = self._strategy.get_window_stats(item, "shop", name, key)
        # the library frees a slot once the clock is *past* the reset second, hence + 1
        return max(1, math.floor(reset - self._clock()) + 1)

    def check(self, name: str, *keys: str) -> Verdict:
        """Whether one more ``name`` event for each of ``keys`` is within the limits (no count)."""
        try:
            refused = [
                self._retry_after(item, key, name)
                for item, key in self._items(name, keys)
                if not self._strategy.test(item, "shop", name, key)
            ]
        except Exception:  # noqa: BLE001 (a storage fault must not take the shop down)
            log.warning("rate-limit storage failed; request let through", exc_info=True)
            return ALLOWED
        return Verdict(False, max(refused)) if refused else ALLOWED

    def count(self, name: str, *keys: str) -> None:
        """Count one ``name`` event for each of ``keys``."""
        try:
            for item, key in self._items(name, keys):
                self._strategy.hit(item, "shop", name, key)
        except Exception:  # noqa: BLE001 (as in check)
            log.warning("rate-limit storage failed; event not counted", exc_info=True)

    async def run(self, method: Callable[..., T], *args: str) -> T:
        """Call one of this limiter's methods from async code: in a thread unless in memory.

        A network storage (Redis) must not block the event loop, even when it hangs.
        """
        if isinstance(self._storage, MemoryStorage):
            return method(*args)
        return await asyncio.to_thread(method, *args)

    def hit(self, name: str, *keys: str) -> Verdict:
        """Check, and count the event when it is allowed (a refused one is not counted)."""
        verdict = self.check(name, *keys)
        if verdict.allowed:
            self.count(name, *keys)
        return verdict


def settings_or_exit(env: Mapping[str, str] | None = None) -> RateLimitSettings:
    """:meth:`RateLimitSettings.from_env`, stopping the process on a bad setting (start-up).

    Raises:
        SystemExit: A setting that cannot be used, named.
    """
    try:
        return RateLimitSettings.from_env(env)
    except RateLimitConfigError as exc:
        raise SystemExit(str(exc)) from exc


@lru_cache(maxsize=1)
def default_limiter() -> RateLimiter:
    """The process-wide limiter, from the environment (the chat channels use it)."""
    return RateLimiter(RateLimitSettings.from_env())
