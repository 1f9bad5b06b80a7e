"""A stand-in for the Telegram, Slack, Graph and Twilio APIs on 127.0.0.1 that records calls.

The connectors' outbound clients are pointed here (``*_API_BASE_URL``, ``MESSENGER_GRAPH_URL``):
each request is recorded and answered the way the platform answers it, with just the
fields the clients read back.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BOT_USERNAME = "demo_shop_bot"


@dataclass(frozen=True)
class Call:
    """One request a connector sent to the platform."""

    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: dict[str, Any]


def _parse(content_type: str, raw: bytes) -> dict[str, Any]:
    if "json" in content_type:
        return json.loads(raw or b"{}")
    if "x-www-form-urlencoded" in content_type:
        return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(raw.decode()).items()}
    if "multipart/form-data" in content_type:
        return _multipart(content_type, raw)
    return {"raw": raw.decode(errors="replace")}


def _multipart(content_type: str, raw: bytes) -> dict[str, Any]:
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    fields: dict[str, Any] = {}
    for part in raw.split(b"--" + boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        if b'name="' not in head:
            continue
        name = head.split(b'name="', 1)[1].split(b'"', 1)[0].decode()
        fields[name] = value.rstrip(b"\r\n").decode()
    return fields


def _answer(path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The platform's answer to a call (only what the clients read)."""
    if path.startswith("/telegram/"):
        method = path.rsplit("/", 1)[-1]
        if method == "getMe":
            me = {"id": 123456, "is_bot": True, "first_name": "Demo", "username": BOT_USERNAME}
            return 200, {"ok": True, "result": me}
        if method == "sendMessage":
            chat = {"id": int(body.get("chat_id", 0)), "type": "private"}
            message = {"message_id": 1, "date": 0, "chat": chat, "text": body.get("text", "")}
            return 200, {"ok": True, "result": message}
        return 200, {"ok": True, "result": True}
    if path.startswith("/slack/"):
        return 200, {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"}
    if path.startswith("/graph/"):
        return 200, {"recipient_id": body.get("recipient", {}).get("id"), "message_id": "mid.1"}
    if path.startswith("/twilio/"):
        return 201, {"sid": "SM" + "0" * 32, "status": "queued", "body": body.get("Body")}
    return 404, {"error": "unknown path"}


@dataclass
class FakePlatform:
    """The recording server; ``url`` is its base, ``calls`` what it received."""

    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakePlatform:
        """Listen on a free port on 127.0.0.1, in a background thread."""
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                parts = urlsplit(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = _parse(self.headers.get("Content-Type", ""), raw)
                call = Call(parts.path, parse_qs(parts.query), dict(self.headers), body)
                with platform.lock:
                    platform.calls.append(call)
                status, answer = _answer(parts.path, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def matching(self, keep: Callable[[Call], bool]) -> list[Call]:
        """The calls so far that ``keep`` accepts, oldest first."""
        with self.lock:
            return [call for call in self.calls if keep(call)]

    def wait(
        self, keep: Callable[[Call], bool], count: int, timeout: float = 30.0, settle: float = 0.4
    ) -> list[Call]:
        """Wait for at least ``count`` matching calls, then until none came for ``settle`` s."""
        deadline = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < deadline:
            found = self.matching(keep)
            if len(found) >= count and len(found) == seen:
                return found
            seen = len(found)
            time.sleep(settle if len(found) >= count else 0.05)
        return self.matching(keep)
