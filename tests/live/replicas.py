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

import redis

from bot.config import PROJECT_ROOT
from bot.launcher import free_port, wait_for
from tests.pg import PG, REDIS, admin, database_url, postgres_missing, redis_missing

MODEL = PROJECT_ROOT / "models" / "checkout.tar.gz"
LOCK_LIFETIME = 40
RASA_API_TOKEN = "replica-rasa-api-token"
"""Rasa's HTTP API runs only with a token (the test reads trackers with it)."""


def services_missing() -> str | None:
    """Why PostgreSQL or Redis cannot be used here, or ``None`` if both answer."""
    return postgres_missing() or redis_missing()


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
        return database_url(f"ca_shop_{self.suffix}")

    def url(self, name: str) -> str:
        """The REST webhook of replica ``name``."""
        return f"http://127.0.0.1:{self.ports[name]}/webhooks/rest/webhook"

    def create_databases(self) -> None:
        """Fresh databases for the shop store and the tracker store."""
        for kind in ("shop", "tracker"):
            admin(f"CREATE DATABASE ca_{kind}_{self.suffix}")

    def drop_databases(self) -> None:
        """Drop both databases and the Redis lock keys."""
        for kind in ("shop", "tracker"):
            admin(f"DROP DATABASE IF EXISTS ca_{kind}_{self.suffix} WITH (FORCE)")
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
            # How long a killed replica's lock ticket holds its conversation (Rasa: 60 s).
            "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME),
        }  # fmt: skip

    def _spawn(self, name: str, command: list[str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT
        )

    def create_tracker_tables(self) -> None:
        """Create Rasa's tracker tables once, so both replicas can start at the same time."""
        from rasa.core.tracker_store import SQLTrackerStore

        store = SQLTrackerStore(
            dialect="postgresql", host="127.0.0.1", port=5432,
            db=f"ca_tracker_{self.suffix}", username=PG["user"], password="",
        )  # fmt: skip
        store.engine.dispose()

    def start(self) -> None:
        """Start the action server and both replicas; wait until all answer."""
        self.ports = {"actions": free_port(), "a": free_port(), "b": free_port()}
        self.create_tracker_tables()
        py = sys.executable
        self._spawn("actions", [py, "-m", "rasa_sdk", "--actions", "actions",
                                "--port", str(self.ports["actions"])])  # fmt: skip
        for name in ("a", "b"):
            self._spawn(name, [py, "-m", "bot.rasa_server", "run",
                               "--enable-api", "--auth-token", RASA_API_TOKEN,
                               "--port", str(self.ports[name]), "--model", str(MODEL),
                               "--credentials", "credentials.yml",
                               "--endpoints", "endpoints.production.yml"])  # fmt: skip
        health = {name: f"http://127.0.0.1:{self.ports[name]}/" for name in ("a", "b")}
        health["actions"] = f"http://127.0.0.1:{self.ports['actions']}/health"
        wait_for(health, self.processes, 600)  # two TensorFlow models on a loaded machine

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
