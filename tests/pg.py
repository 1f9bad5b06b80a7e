"""PostgreSQL and Redis on 127.0.0.1, as this project's machines run them (tests start neither).

Tests that need them call :func:`postgres_missing` / :func:`redis_missing` and skip with the
reason where the service does not answer.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
import redis

PG = {"host": "127.0.0.1", "port": 5432, "user": os.environ.get("PGUSER", "postgres")}
REDIS = {"host": "127.0.0.1", "port": 6379}


def postgres_missing() -> str | None:
    """Why PostgreSQL cannot be used, or ``None`` if it answers."""
    try:
        psycopg2.connect(dbname="postgres", connect_timeout=3, **PG).close()
    except psycopg2.Error as error:
        return f"PostgreSQL is not reachable on 127.0.0.1:5432 ({error})".strip()
    return None


def redis_missing() -> str | None:
    """Why Redis cannot be used, or ``None`` if it answers."""
    try:
        redis.Redis(socket_timeout=3, **REDIS).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable on 127.0.0.1:6379 ({error})"
    return None


def admin(sql: str) -> None:
    """Run one statement on the ``postgres`` database, outside a transaction."""
    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def database_url(name: str) -> str:
    """The SQLAlchemy URL of database ``name``."""
    return f"postgresql+psycopg2://{PG['user']}@127.0.0.1:5432/{name}"


@contextmanager
def fresh_database(prefix: str = "ca_test") -> Iterator[str]:
    """Create an empty database with a random name; yield its URL; drop it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin(f"CREATE DATABASE {name}")
    try:
        yield database_url(name)
    finally:
        admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
