"""The application object every adapter uses, built lazily in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.domain.offers import OfferPolicy
from bot.domain.ranking import RankingRules
from bot.store.db import make_engine, make_session_factory
from bot.store.schema import upgrade_schema


@dataclass(frozen=True)
class Shop:
    """Everything a use case needs: the session factory, the secret and the selling rules."""

    engine: Engine
    session_factory: sessionmaker[Session]
    secret: str
    policy: OfferPolicy = field(default_factory=OfferPolicy)
    rules: RankingRules = field(default_factory=RankingRules)


def build_shop(
    db_url: str, secret: str, max_unsolicited: int = 1, rules: RankingRules | None = None
) -> Shop:
    """Connect to the store, migrate it to the newest schema, and assemble a :class:`Shop`."""
    engine = make_engine(db_url)
    upgrade_schema(engine)
    return Shop(
        engine=engine,
        session_factory=make_session_factory(engine),
        secret=secret,
        policy=OfferPolicy(max_unsolicited=max_unsolicited),
        rules=rules or RankingRules(),
    )


@lru_cache(maxsize=1)
def default_shop() -> Shop:
    """The process-wide shop configured from the environment (built on first use)."""
    settings = Settings.from_env()
    return build_shop(settings.db_url, settings.secret, settings.max_unsolicited_offers)
