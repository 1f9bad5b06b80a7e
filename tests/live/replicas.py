"""Two Rasa replicas on PostgreSQL (tracker store) and Redis (lock store), one action server.

Everything is provisioned fresh (databases with a random suffix, a random Redis key prefix)
and torn down after the test; nothing else is started — PostgreSQL and Redis must already
run on 127.0.0.1 (the replica test skips with a clear message where they do not).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import redis

from bot.config import PROJECT_ROOT
from bot.launcher import free_port, wait_for

PG = {"host": "127.0.0.1", "port": 5432, "user": os.environ.get("PGUSER", "postgres")}
REDIS = {"host": "127.0.0.1", "port": 6379}
MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"


def services_missing() -> str | None:
    """Why PostgreSQL or Redis cannot be used here, or ``None`` if both answer."""
    try:
        psycopg2.connect(dbname="postgres", connect_timeout=3, **PG).close()
    except psycopg2.Error as error:
        return f"PostgreSQL is not reachable on 127.0.0.1:5432 ({error})".strip()
    try:
        redis.Redis(socket_timeout=3, **REDIS).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable on 127.0.0.1:6379 ({error})"
    return None


def _admin(sql: str) -> None:
    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


@dataclass
class Replicas:
    """The processes and stores of one replica run."""

    log_dir: Path
    secret: str = "replica-secret"
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    @property
    def shop_db_url(self) -> str:
        """The shop store, on PostgreSQL."""
        return f"postgresql+psycopg2://{PG['user']}@127.0.0.1:5432/ca_shop_{self.suffix}"

    def url(self, name: str) -> str:
        """The REST webhook of replica ``name``."""
        return f"http://127.0.0.1:{self.ports[name]}/webhooks/rest/webhook"

    def create_databases(self) -> None:
        """Fresh databases for the shop store and the tracker store."""
        for kind in ("shop", "tracker"):
            _admin(f"CREATE DATABASE ca_{kind}_{self.suffix}")

    def drop_databases(self) -> None:
        """Drop both databases and the Redis lock keys."""
        for kind in ("shop", "tracker"):
            _admin(f"DROP DATABASE IF EXISTS ca_{kind}_{self.suffix} WITH (FORCE)")
        client = redis.Redis(**REDIS)
        for key in client.scan_iter(f"{self.suffix}*"):
            client.delete(key)

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(PROJECT_ROOT),
            "SHOP_DB_URL": self.shop_db_url,
            "SHOP_SECRET": self.secret,
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['actions']}/webhook",
            "TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": "5432",
            "TRACKER_DB_NAME": f"ca_tracker_{self.suffix}", "TRACKER_DB_USER": PG["user"],
            "TRACKER_DB_PASSWORD": "", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379",
            "REDIS_DB": "0", "REDIS_LOCK_PREFIX": self.suffix,
        }  # fmt: skip

    def _spawn(self, name: str, command: list[str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT
        )

    def start(self) -> None:
        """Start the action server, then replica ``a``, then ``b`` (so only one creates tables)."""
        self.ports = {"actions": free_port(), "a": free_port(), "b": free_port()}
        py = sys.executable
        self._spawn("actions", [py, "-m", "rasa_sdk", "--actions", "actions",
                                "--port", str(self.ports["actions"])])  # fmt: skip
        for name in ("a", "b"):
            self._spawn(name, [py, "-m", "bot.rasa_server", "run", "--enable-api",
                               "--port", str(self.ports[name]), "--model", str(MODEL),
                               "--credentials", "credentials.yml",
                               "--endpoints", "endpoints.production.yml"])  # fmt: skip
            health = {name: f"http://127.0.0.1:{self.ports[name]}/"}
            wait_for(health, {name: self.processes[name]}, 300)
        wait_for({"actions": f"http://127.0.0.1:{self.ports['actions']}/health"},
                 {"actions": self.processes["actions"]}, 60)  # fmt: skip

    def kill(self, name: str) -> None:
        """SIGKILL one process, as a crashed replica."""
        self.processes[name].kill()
        self.processes[name].wait(timeout=10)

    def stop(self) -> None:
        """Stop whatever still runs."""
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
