"""Start the action server, Rasa and the shop API together (``python -m bot up``).

The same :class:`Stack` starts the processes for the live conversation tests.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.channels.config import build_credentials, enabled_channels, write_credentials
from bot.config import PROJECT_ROOT, cors_origins

READY_TIMEOUT = 600.0  # a loaded 2-core machine can take > 4 min to load a model


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return 200 <= response.status < 500
    except (urllib.error.URLError, OSError):
        return False


def wait_for(
    urls: dict[str, str], processes: dict[str, subprocess.Popen[bytes]], timeout: float
) -> None:
    """Poll each named URL until it answers.

    Raises:
        RuntimeError: A process exited, or a URL did not answer within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    pending = dict(urls)
    while pending:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited early")
        pending = {n: u for n, u in pending.items() if not _answers(u)}
        if pending and time.monotonic() > deadline:
            raise RuntimeError(f"not ready after {timeout:.0f}s: {', '.join(pending)}")
        time.sleep(0.5)


def rasa_api_args(env: Mapping[str, str]) -> list[str]:
    """Rasa's HTTP API flags: off, unless ``RASA_API_TOKEN`` is set (then token-guarded).

    Rasa's API reads and rewrites any conversation (``/conversations/<id>/tracker``) and
    can replace the model, so it never runs open. With ``RASA_API_TOKEN`` set it runs with
    ``--auth-token``; callers add ``?token=<RASA_API_TOKEN>`` to each request.
    """
    token = env.get("RASA_API_TOKEN", "").strip()
    return ["--enable-api", "--auth-token", token] if token else []


def process_env(name: str, env: dict[str, str]) -> dict[str, str]:
    """The environment of one process of the stack.

    The action server answers anyone who reaches it with any conversation's cart (it trusts
    the tracker Rasa sends), so it listens on loopback only: rasa_sdk binds ``SANIC_HOST``,
    which we set from ``ACTION_HOST`` (default ``127.0.0.1``). A deployment that runs the
    action server on another host sets ``ACTION_HOST=0.0.0.0`` on a private network only.
    """
    if name == "actions":
        return {**env, "SANIC_HOST": env.get("ACTION_HOST", "127.0.0.1")}
    return env


@dataclass
class Stack:
    """The three processes of a running assistant.

    Attributes:
        db_url: The shop store every process shares.
        model: The trained Rasa model (``.tar.gz``).
        shop_port, rasa_port, action_port: Where each process listens.
        log_dir: Where each process writes its log.
        env: Extra environment variables (e.g. ``SHOP_SECRET``).
        endpoints: Rasa's endpoints file (``endpoints.production.yml`` for PostgreSQL + Redis).
        credentials: Where to write Rasa's credentials (REST, socket.io and each messaging
            channel whose variables are set); default ``credentials.generated.yml`` next to
            ``log_dir``.
    """

    db_url: str
    model: Path
    shop_port: int = 8000
    rasa_port: int = 5005
    action_port: int = 5055
    log_dir: Path = PROJECT_ROOT / "var" / "logs"
    env: dict[str, str] = field(default_factory=dict)
    endpoints: Path = PROJECT_ROOT / "endpoints.yml"
    credentials: Path | None = None
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def rest_url(self) -> str:
        """The Rasa REST webhook."""
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    @property
    def shop_url(self) -> str:
        """The shop API's base URL."""
        return f"http://127.0.0.1:{self.shop_port}"

    def _environment(self) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env.update(
            SHOP_DB_URL=self.db_url,
            SHOP_PORT=str(self.shop_port),
            RASA_PORT=str(self.rasa_port),
            ACTION_PORT=str(self.action_port),
            PYTHONPATH=str(PROJECT_ROOT),
        )
        return env

    @property
    def credentials_file(self) -> Path:
        """The generated credentials file Rasa is started with."""
        return self.credentials or self.log_dir.parent / "credentials.generated.yml"

    @property
    def channels(self) -> list[str]:
        """The messaging channels this stack runs (besides REST and socket.io)."""
        return enabled_channels(self._environment())

    def _commands(self) -> dict[str, list[str]]:
        py = sys.executable
        return {
            "actions": [py, "-m", "rasa_sdk", "--actions", "actions", "--port",
                        str(self.action_port)],
            "shop": [py, "-m", "bot", "serve-api", "--port", str(self.shop_port)],
            "rasa": [py, "-m", "bot.rasa_server", "run", *rasa_api_args(self._environment()),
                     "--cors", *cors_origins(self.shop_port, self._environment()),
                     "--port", str(self.rasa_port), "--model", str(self.model),
                     "--credentials", str(self.credentials_file),
                     "--endpoints", str(self.endpoints)],
        }  # fmt: skip

    def _health_urls(self) -> dict[str, str]:
        return {
            "actions": f"http://127.0.0.1:{self.action_port}/health",
            "shop": f"{self.shop_url}/health",
            "rasa": f"http://127.0.0.1:{self.rasa_port}/",
        }

    def start(self, timeout: float = READY_TIMEOUT) -> None:
        """Start every process and wait until each answers its health check.

        Raises:
            RuntimeError: A process exited or did not answer in time (its log is named).
            ChannelConfigError: A messaging channel's variables are set only in part.
        """
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = self._environment()
        write_credentials(build_credentials(env), self.credentials_file)
        for name, command in self._commands().items():
            log = (self.log_dir / f"{name}.log").open("wb")
            self.processes[name] = subprocess.Popen(
                command,
                cwd=PROJECT_ROOT,
                env=process_env(name, env),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        """Poll the health URLs until all answer (stop everything if one never does)."""
        try:
            wait_for(self._health_urls(), self.processes, timeout)
        except RuntimeError as error:
            self.stop()
            raise RuntimeError(f"{error}; logs in {self.log_dir}") from error

    def stop(self) -> None:
        """Stop every process (SIGTERM, then SIGKILL after 10 s)."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()
