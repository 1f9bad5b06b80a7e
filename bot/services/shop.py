"""The application object every adapter uses, built lazily in one place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import DEFAULT_SUPPORT_CONTACT, Settings
from bot.domain.experiments import Experiment
from bot.domain.offers import OfferPolicy
from bot.domain.ranking import RankingRules
from bot.domain.retention import RetentionPolicy
from bot.services.experiments import load_experiments, register_experiments
from bot.store.db import make_engine, make_session_factory
from bot.store.schema import upgrade_schema


@dataclass(frozen=True)
class Shop:
    """Everything a use case needs: the session factories, the secret and the selling rules.

    ``session_factory`` opens a writing unit of work, ``read_factory`` a read-only one (no
    write lock on SQLite, ``READ ONLY`` on PostgreSQL; a write raises
    :class:`~bot.store.errors.ReadOnlyViolation`): ``with shop.read_factory.begin() as s:``.
    """

    engine: Engine
    session_factory: sessionmaker[Session]
    read_factory: sessionmaker[Session]
    secret: str
    policy: OfferPolicy = field(default_factory=OfferPolicy)
    rules: RankingRules = field(default_factory=RankingRules)
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    support_contact: str = DEFAULT_SUPPORT_CONTACT


def build_shop(
    db_url: str,
    secret: str,
    max_unsolicited: int = 1,
    rules: RankingRules | None = None,
    experiments: Sequence[Experiment] | None = None,
    retention: RetentionPolicy | None = None,
    support_contact: str = DEFAULT_SUPPORT_CONTACT,
) -> Shop:
    """Connect to the store, migrate it to the newest schema, and assemble a :class:`Shop`.

    Args:
        db_url: The store's SQLAlchemy URL.
        secret: The secret that signs tokens.
        max_unsolicited: Unsolicited offers allowed per conversation.
        rules: The ranking rules (default: :class:`RankingRules`).
        experiments: The configured offer experiments, registered in the store (``None``
            leaves the stored experiments as they are).
        retention: The retention options the shop allows (default: all three).
        support_contact: Where a shopper reaches a person (the handoff answer).

    Raises:
        ExperimentConfigError: A running experiment's design was changed.
    """
    engine = make_engine(db_url)
    upgrade_schema(engine)
    session_factory = make_session_factory(engine)
    if experiments is not None:
        register_experiments(session_factory, experiments)
    return Shop(
        engine=engine,
        session_factory=session_factory,
        read_factory=make_session_factory(engine, read_only=True),
        secret=secret,
        policy=OfferPolicy(max_unsolicited=max_unsolicited),
        rules=rules or RankingRules(),
        retention=retention or RetentionPolicy(),
        support_contact=support_contact,
    )


def configured_shop(settings: Settings, db_url: str | None = None) -> Shop:
    """The shop of these settings, with the experiments file loaded and registered."""
    floor, ceiling = settings.price_band
    return build_shop(
        db_url or settings.db_url,
        settings.secret,
        settings.max_unsolicited_offers,
        rules=RankingRules(min_price_ratio=floor, max_price_ratio=ceiling),
        experiments=load_experiments(settings.experiments_path),
        retention=settings.retention,
        support_contact=settings.support_contact,
    )


@lru_cache(maxsize=1)
def default_shop() -> Shop:
    """The process-wide shop configured from the environment (built on first use)."""
    return configured_shop(Settings.from_env())
