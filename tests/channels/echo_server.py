"""A Sanic server exposing one socket.io channel whose "bot" echoes each message.

Run as ``python -m tests.channels.echo_server stock|fixed PORT``; used by the channel tests
to compare Rasa's stock socket.io channel with :class:`PersistentSocketIOInput`. The
``fixed`` server also serves :class:`GuardedRestInput` at ``/webhooks/rest/webhook``.
"""

from __future__ import annotations

import sys

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Sanic

from bot.channels.rest import GuardedRestInput
from bot.channels.socketio import PersistentSocketIOInput

CHANNELS: dict[str, type[SocketIOInput]] = {
    "stock": SocketIOInput,
    "fixed": PersistentSocketIOInput,
}


async def echo(message: UserMessage) -> None:
    """Reply with the conversation id, the text and the token (or "grant"), as a bot turn would."""
    assert message.output_channel is not None
    metadata = message.metadata or {}
    seen = "grant" if "shop_grant" in metadata else metadata.get("token")
    text = f"{message.sender_id}: {message.text} ({seen})"
    await message.output_channel.send_text_message(message.sender_id, text)


def main(kind: str, port: int) -> None:
    """Serve the chosen channel with session persistence on and ``customData`` metadata."""
    channel = CHANNELS[kind](session_persistence=True, metadata_key="customData")
    app = Sanic(f"echo_{kind}")
    app.blueprint(channel.blueprint(echo))
    if kind == "fixed":
        app.blueprint(GuardedRestInput().blueprint(echo), url_prefix="/webhooks/rest")
    app.run(host="127.0.0.1", port=port, access_log=False, workers=1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
