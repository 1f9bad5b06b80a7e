"""A Sanic server exposing one REST channel whose "bot" fails on request.

Run as ``python -m tests.security.turn_server stock|guarded PORT``. The message text picks
the turn's fate: ``raise`` (an error, as a failed action or a lost lock), ``cancel`` (a
timeout), ``silent`` or ``/restart`` (the turn ends without a bot message, as Rasa's restart
does); anything else is echoed.
"""

from __future__ import annotations

import asyncio
import sys

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Sanic

from bot.channels.rest import GuardedRestInput

CHANNELS: dict[str, type[RestInput]] = {"stock": RestInput, "guarded": GuardedRestInput}


async def bot(message: UserMessage) -> None:
    """Fail, stay silent or echo, as the message asks."""
    if message.text == "raise":
        raise RuntimeError("the turn failed")
    if message.text == "cancel":
        raise asyncio.CancelledError()
    if message.text not in ("silent", "/restart") and message.output_channel is not None:
        await message.output_channel.send_text_message(message.sender_id, f"echo {message.text}")


def main(kind: str, port: int) -> None:
    """Serve the chosen REST channel at ``/webhooks/rest/webhook``."""
    app = Sanic(f"turn_{kind}")
    app.blueprint(CHANNELS[kind]().blueprint(bot), url_prefix="/webhooks/rest")
    app.run(host="127.0.0.1", port=port, access_log=False, workers=1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
