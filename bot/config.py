"""Settings from the environment, with the embedded defaults."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bot.domain.retention import OPTIONS, RetentionConfigError, RetentionPolicy, parse_allowed

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DB_URL = f"sqlite:///{VAR_DIR / 'shop.db'}"
_OFF = {"0", "false", "no", "off"}
DEFAULT_SUPPORT_CONTACT = "support@example.com"
"""Where a shopper reaches a person when ``SHOP_SUPPORT_CONTACT`` is unset."""


def db_url_from(raw: str) -> str:
    """A store URL from ``--db``/``SHOP_DB_URL``: a URL as is, a plain path as a SQLite file.

    ``var/shop.db`` and ``/data/shop.db`` become ``sqlite:///`` + the absolute path; anything
    with a scheme (``sqlite:///…``, ``postgresql+psycopg2://…``) is kept.
    """
    text = raw.strip()
    if "://" in text or text.startswith("sqlite:"):
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _retention_policy() -> RetentionPolicy:
    """The retention options and discount from ``SHOP_RETENTION_*`` (defaults: all, 20 % x 3)."""
    allowed = os.environ.get("SHOP_RETENTION_OPTIONS", "").strip() or ",".join(OPTIONS)
    try:
        return RetentionPolicy(
            allowed=parse_allowed(allowed),
            discount_percent=_int_env("SHOP_RETENTION_DISCOUNT_PERCENT", 20),
            discount_renewals=_int_env("SHOP_RETENTION_DISCOUNT_RENEWALS", 3),
            max_pause_days=_int_env("SHOP_RETENTION_PAUSE_MAX_DAYS", 30),
        )
    except RetentionConfigError as exc:
        raise SystemExit(f"SHOP_RETENTION_*: {exc}") from exc


def _support_contact() -> str:
    """``SHOP_SUPPORT_CONTACT`` (one line, at most 200 characters), else the default."""
    raw = " ".join(os.environ.get("SHOP_SUPPORT_CONTACT", "").split())
    if len(raw) > 200:
        raise SystemExit("SHOP_SUPPORT_CONTACT must be at most 200 characters")
    return raw or DEFAULT_SUPPORT_CONTACT


PriceBand = tuple[Decimal | None, Decimal | None]
DEFAULT_PRICE_BAND: PriceBand = (Decimal("0.05"), Decimal("0.40"))
"""An unsolicited add-on costs 5–40 % of the main line's unit price unless configured."""


def parse_price_band(raw: str) -> PriceBand:
    """Read ``SHOP_ADDON_PRICE_BAND``: ``"5-40"`` (percent of the main line), ``"10-"``, ``"off"``.

    Returns:
        ``(floor, ceiling)`` as shares (``Decimal("0.05")``); ``None`` for a bound left open.

    Raises:
        ValueError: Not two percents from 0 to 1000 with the floor at most the ceiling.
    """
    text = raw.strip().lower().replace("%", "").replace(" ", "")
    if text in _OFF:
        return None, None
    low, sep, high = text.partition("-")
    if not sep:
        raise ValueError(f"expected LOW-HIGH in percent (e.g. 5-40) or off, not {raw!r}")
    try:
        floor, ceiling = (Decimal(part) / 100 if part else None for part in (low, high))
    except InvalidOperation:
        raise ValueError(f"expected LOW-HIGH in percent (e.g. 5-40) or off, not {raw!r}") from None
    bounds = [b for b in (floor, ceiling) if b is not None]
    if any(not b.is_finite() or not 0 <= b <= 10 for b in bounds):
        raise ValueError(f"percents must be from 0 to 1000, not {raw!r}")
    if floor is not None and ceiling is not None and floor > ceiling:
        raise ValueError(f"the floor must not exceed the ceiling: {raw!r}")
    if ceiling is not None and ceiling < Decimal("0.01"):
        raise ValueError(
            f"a ceiling under 1% leaves no add-on; the band is in percent of the main line "
            f"(5-40), not shares (0.05-0.40): {raw!r}"
        )
    return floor, ceiling


def _price_band() -> PriceBand:
    raw = os.environ.get("SHOP_ADDON_PRICE_BAND", "").strip()
    try:
        return parse_price_band(raw) if raw else DEFAULT_PRICE_BAND
    except ValueError as exc:
        raise SystemExit(f"SHOP_ADDON_PRICE_BAND: {exc}") from exc


PLACEHOLDER_SECRETS = ("change-me", "changeme", "secret", "password")
"""Published placeholder values (docs, examples): never accepted as a secret or key."""


def _kept_secret(variable: str, path: Path) -> str:
    """``$variable``, or a random value generated once into ``path`` (owner-only) and reused.

    Raises:
        SystemExit: ``$variable`` is a published placeholder ("change-me…"): anyone who has
            read the repository could sign tokens or call the server endpoints with it.
    """
    configured = os.environ.get(variable, "").strip()
    if configured.lower().startswith(PLACEHOLDER_SECRETS):
        raise SystemExit(
            f"{variable} is a placeholder ({configured[:12]!r}…): set a random value, e.g. "
            "`openssl rand -base64 32`, or unset it for a generated local one"
        )
    if configured:
        return configured
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it just now
            descriptor = -1
        if descriptor >= 0:
            with os.fdopen(descriptor, "w") as out:
                out.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def _secret() -> str:
    """``SHOP_SECRET``, or a random secret kept in ``var/shop_secret`` for local runs."""
    return _kept_secret("SHOP_SECRET", shop_secret_path())


def shop_secret() -> str:
    """The shop's signing secret (``SHOP_SECRET``, else ``var/shop_secret``)."""
    return _secret()


def shop_secret_path() -> Path:
    """Where the generated shop secret lives when ``SHOP_SECRET`` is unset."""
    return Path(os.environ.get("SHOP_SECRET_FILE", VAR_DIR / "shop_secret"))


def api_key_path() -> Path:
    """Where the generated server-to-server key lives when ``SHOP_API_KEY`` is unset."""
    return Path(os.environ.get("SHOP_API_KEY_FILE", VAR_DIR / "shop_api_key"))


def server_api_key() -> str:
    """``SHOP_API_KEY`` (what a shop's backend sends as ``Authorization: Bearer ...``).

    When unset, a random key is generated on first use into ``var/shop_api_key`` (mode 0600,
    next to ``var/shop_secret``) and read from there afterwards.
    """
    return _kept_secret("SHOP_API_KEY", api_key_path())


def cors_origins(shop_port: int, env: Mapping[str, str] | None = None) -> list[str]:
    """The browser origins allowed to call Rasa (``SHOP_ORIGINS``, space or comma separated).

    Default: the demo page's own origins, ``http://localhost:<SHOP_PORT>`` and
    ``http://127.0.0.1:<SHOP_PORT>``. A ``*`` is refused: it would let any site talk to Rasa.

    Raises:
        SystemExit: ``SHOP_ORIGINS`` holds ``*``.
    """
    env = os.environ if env is None else env
    raw = env.get("SHOP_ORIGINS", "").replace(",", " ").split()
    origins = [origin.rstrip("/") for origin in raw]
    if "*" in origins:
        raise SystemExit("SHOP_ORIGINS must list origins (https://shop.example), not '*'")
    return origins or [f"http://localhost:{shop_port}", f"http://127.0.0.1:{shop_port}"]


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Every field has an environment variable."""

    db_url: str
    secret: str
    shop_port: int
    rasa_port: int
    action_port: int
    max_unsolicited_offers: int
    demo_page: bool = True
    rasa_public_url: str | None = None
    rasa_endpoints: Path = PROJECT_ROOT / "endpoints.yml"
    experiments_path: Path | None = None
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    support_contact: str = DEFAULT_SUPPORT_CONTACT
    price_band: PriceBand = DEFAULT_PRICE_BAND

    @classmethod
    def from_env(cls) -> Settings:
        """Read settings from ``SHOP_DB_URL``, ``SHOP_SECRET``, ``*_PORT`` and friends.

        ``SHOP_DEMO_PAGE=0`` turns the demo cart page (and its demo-shopper endpoint) off;
        ``RASA_PUBLIC_URL`` is where browsers reach Rasa's socket.io channel (default: the
        page's own host on ``RASA_PORT``); ``RASA_ENDPOINTS`` names Rasa's endpoints file
        (``endpoints.production.yml``: PostgreSQL tracker store and Redis lock store);
        ``SHOP_EXPERIMENTS`` names the offer experiments file (default ``experiments.yml``);
        ``SHOP_RETENTION_OPTIONS`` lists the retention options allowed (default
        ``cheaper_plan,pause,discount``), ``SHOP_RETENTION_DISCOUNT_PERCENT`` and
        ``SHOP_RETENTION_DISCOUNT_RENEWALS`` size the discount (default 20 % off 3 renewals);
        ``SHOP_RETENTION_PAUSE_MAX_DAYS`` is the longest pause a shopper may ask for (30);
        ``SHOP_SUPPORT_CONTACT`` is where a shopper reaches a person (an email address, a
        phone number or a page; default ``support@example.com``), given when they ask for a
        human and in the "I can't do that here" replies; ``SHOP_ADDON_PRICE_BAND`` is the
        unsolicited add-on's price band in percent of the main line (``5-40``; ``off``).
        """
        return cls(
            db_url=db_url_from(os.environ.get("SHOP_DB_URL", "").strip() or DEFAULT_DB_URL),
            secret=_secret(),
            shop_port=_int_env("SHOP_PORT", 8000),
            rasa_port=_int_env("RASA_PORT", 5005),
            action_port=_int_env("ACTION_PORT", 5055),
            max_unsolicited_offers=_int_env("MAX_UNSOLICITED_OFFERS", 1),
            demo_page=os.environ.get("SHOP_DEMO_PAGE", "1").strip().lower() not in _OFF,
            rasa_public_url=os.environ.get("RASA_PUBLIC_URL", "").strip().rstrip("/") or None,
            rasa_endpoints=PROJECT_ROOT
            / (os.environ.get("RASA_ENDPOINTS", "").strip() or "endpoints.yml"),
            experiments_path=Path(
                os.environ.get("SHOP_EXPERIMENTS", "").strip() or PROJECT_ROOT / "experiments.yml"
            ),
            retention=_retention_policy(),
            support_contact=_support_contact(),
            price_band=_price_band(),
        )
