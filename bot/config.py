"""Settings from the environment, with the embedded defaults."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_DB_URL = f"sqlite:///{VAR_DIR / 'shop.db'}"
_OFF = {"0", "false", "no", "off"}


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _secret() -> str:
    """``SHOP_SECRET``, or a random secret kept in ``var/shop_secret`` for local runs."""
    configured = os.environ.get("SHOP_SECRET", "").strip()
    if configured:
        return configured
    path = Path(os.environ.get("SHOP_SECRET_FILE", VAR_DIR / "shop_secret"))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


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

    @classmethod
    def from_env(cls) -> Settings:
        """Read settings from ``SHOP_DB_URL``, ``SHOP_SECRET``, ``*_PORT`` and friends.

        ``SHOP_DEMO_PAGE=0`` turns the demo cart page (and its demo-shopper endpoint) off;
        ``RASA_PUBLIC_URL`` is where browsers reach Rasa's socket.io channel (default: the
        page's own host on ``RASA_PORT``); ``RASA_ENDPOINTS`` names Rasa's endpoints file
        (``endpoints.production.yml``: PostgreSQL tracker store and Redis lock store);
        ``SHOP_EXPERIMENTS`` names the offer experiments file (default ``experiments.yml``).
        """
        return cls(
            db_url=os.environ.get("SHOP_DB_URL", "").strip() or DEFAULT_DB_URL,
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
        )
