"""Command line: ``python -m bot <command> [--db URL]``."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli_data import register as register_data_commands
from bot.cli_fillers import register as register_filler_commands
from bot.cli_housekeeping import register as register_housekeeping_commands
from bot.cli_report import register as register_report_command
from bot.cli_schema import register as register_schema_commands
from bot.cli_shipping import register as register_shipping_command
from bot.cli_store import BAD_URL, EXISTING_STORE_COMMANDS, CliError, parse_args, require_store
from bot.config import PROJECT_ROOT, Settings, api_key_path, db_url_from, server_api_key
from bot.services.shop import Shop, configured_shop

if TYPE_CHECKING:
    from bot.launcher import Stack

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
PRODUCTS_NLU = NLU_DIR / "products.yml"


def _db_url(args: argparse.Namespace) -> str:
    return db_url_from(args.db) if args.db else Settings.from_env().db_url


def _shop(args: argparse.Namespace) -> Shop:
    url = _db_url(args)
    if args.command in EXISTING_STORE_COMMANDS:
        require_store(url)
    return configured_shop(Settings.from_env(), url)


def cmd_seed(args: argparse.Namespace) -> int:
    """Load the deterministic demo shop."""
    from bot.services.seed import seed_demo

    added = seed_demo(_shop(args), orders=args.orders)
    print(f"demo shop ready ({added} new orders)")
    return 0


def render_nlu() -> str:
    """Render the product-mention training data (from the seeded vocabulary, not a catalog)."""
    from bot.nlu_gen import example_texts, render_product_nlu

    handwritten: set[str] = set()
    for path in sorted(NLU_DIR.glob("*.yml")):
        if path != PRODUCTS_NLU:
            handwritten |= example_texts(path.read_text())
    return render_product_nlu(exclude=handwritten)


def cmd_gen_nlu(args: argparse.Namespace) -> int:
    """Write (or check) ``data/nlu/products.yml`` from the seeded vocabulary."""
    text = render_nlu()
    out = Path(args.out)
    if args.check:
        if not out.exists() or out.read_text() != text:
            print(f"{out} is out of date: run `python -m bot gen-nlu`", file=sys.stderr)
            return 1
        print(f"{out} is up to date")
        return 0
    out.write_text(text)
    print(f"wrote {out}")
    return 0


def cmd_serve_api(args: argparse.Namespace) -> int:
    """Serve the shop HTTP API."""
    from aiohttp import web

    from bot.api.app import create_app
    from bot.api.pages import PageConfig
    from bot.channels.config import telegram_bot_name
    from bot.rate_limits import RateLimiter, settings_or_exit
    from bot.services.basket_knn import start_warm_up
    from bot.services.housekeeping import key_retention, start_housekeeping

    settings = Settings.from_env()
    limiter = RateLimiter(settings_or_exit())
    retention = key_retention()  # a bad SHOP_KEY_RETENTION_DAYS stops the start (exit 2)
    page = PageConfig(settings.rasa_port, settings.rasa_public_url) if settings.demo_page else None
    port = args.port or settings.shop_port
    shop = _shop(args)
    start_warm_up(shop)  # the basket-kNN index, built in the background (start-up not blocked)
    start_housekeeping(shop, retention)  # old idempotency keys pruned every hour
    app = create_app(shop, page, telegram_bot_name(os.environ), server_api_key(), limiter)
    web.run_app(app, host=args.host, port=port, print=None)
    return 0


def cmd_demo_session(args: argparse.Namespace) -> int:
    """Create a cart (and a subscription) for a customer and print the chat token."""
    from bot.services.cart import create_cart
    from bot.services.subscriptions import create_subscription

    shop = _shop(args)
    cart_id, token = create_cart(shop, args.customer)
    result: dict[str, object] = {"customer_id": args.customer, "cart_id": cart_id, "token": token}
    if args.plan:
        view, _ = create_subscription(shop, args.customer, args.plan)
        result["subscription_id"] = view.subscription_id
    print(json.dumps(result))
    return 0


def cmd_up(args: argparse.Namespace) -> int:
    """Start the action server, Rasa and the shop API; print where to chat; wait for Ctrl-C."""
    from bot.channels.config import ChannelConfigError
    from bot.launcher import Stack

    settings = Settings.from_env()
    server_api_key()  # generated into var/shop_api_key now when SHOP_API_KEY is unset
    model = Path(args.model)
    if not model.exists():
        print(f"error: no trained model at {model}; run `make model`", file=sys.stderr)
        return 2
    stack = Stack(
        db_url=args.db or settings.db_url,
        model=model,
        shop_port=settings.shop_port,
        rasa_port=settings.rasa_port,
        action_port=settings.action_port,
        endpoints=settings.rasa_endpoints,
    )
    print(
        "starting the action server, Rasa and the shop API (Rasa takes ~30 s to load)...",
        flush=True,
    )
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops the children too
    try:
        stack.start()
        _print_welcome(stack, args)
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        print("a process stopped; see var/logs/", file=sys.stderr)
        return 1
    except RuntimeError as error:  # a port in use, a crashed process: the log says which
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ChannelConfigError as error:  # e.g. TWILIO_NUMBER set without the account
        print(f"error: {error} (see .env.example)", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


def _print_welcome(stack: Stack, args: argparse.Namespace) -> None:
    from bot.services.cart import create_cart
    from bot.services.subscriptions import create_subscription

    shop = _shop(args)
    cart_id, token = create_cart(shop, "demo-shopper")
    create_subscription(shop, "demo-shopper", "care-plus")
    # A new conversation per start: a conversation stays bound to its first cart.
    body = json.dumps({"sender": f"demo-{cart_id}", "message": "what is in my cart?",
                       "metadata": {"token": token}})  # fmt: skip
    print(
        f"""
The assistant is running. Open the cart page and chat in its widget:
  cart page  {stack.shop_url}/
  shop API   {stack.shop_url}/api/products
  Rasa REST  {stack.rest_url}
  socket.io  http://127.0.0.1:{stack.rasa_port}/socket.io (token in customData)
  actions    http://127.0.0.1:{stack.action_port}/health
{_channel_lines(stack)}
Server-to-server calls (a cart for a named customer, subscriptions) need
  Authorization: Bearer <SHOP_API_KEY>   {_key_source()}
Rasa's HTTP API is {_rasa_api_state()}.

For the terminal, a demo cart ({cart_id}) with a Care Plus subscription was made. Chat with:
  curl -s {stack.rest_url} -d '{body}'
or interactively:
  .venv/bin/python -m bot chat --token {token} --url {stack.rest_url}
Press Ctrl-C to stop.
""",
        flush=True,
    )


def _key_source() -> str:
    """Where the server key comes from (never the key itself)."""
    if os.environ.get("SHOP_API_KEY", "").strip():
        return "(from the environment)"
    return f"(the key is in {api_key_path()})"


def _rasa_api_state() -> str:
    if os.environ.get("RASA_API_TOKEN", "").strip():
        return "on, guarded by RASA_API_TOKEN (add ?token=... to each request)"
    return "off (set RASA_API_TOKEN to turn it on with a token)"


def _channel_lines(stack: Stack) -> str:
    """One line per messaging channel that runs, with the webhook to give the platform."""
    base = f"http://127.0.0.1:{stack.rasa_port}/webhooks"
    lines = [f"  {name:<10} {base}/{name}/webhook" for name in stack.channels]
    return "\n".join(lines) + "\n" if lines else "  (no messaging channels: see .env.example)\n"


def cmd_chat(args: argparse.Namespace) -> int:
    """A tiny terminal chat over the REST channel (buttons shown as /payloads)."""
    import urllib.request
    import uuid

    sender = args.sender or f"cli-{uuid.uuid4().hex[:12]}"
    print("Type a message (Ctrl-D to quit).")
    for line in sys.stdin:
        payload = {
            "sender": sender,
            "message": line.strip(),
            "metadata": {"token": args.token},
        }
        request = urllib.request.Request(
            args.url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            for message in json.load(response):
                print("bot:", message.get("text", ""))
                for button in message.get("buttons", []):
                    print(f"     [{button['title']}] -> type {button['payload']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument(
        "--db",
        help="store URL or SQLite file path (default: SHOP_DB_URL or the embedded SQLite "
        "file); before or after the command, once",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="load the deterministic demo shop")
    seed.add_argument("--orders", type=int, default=2400)
    seed.set_defaults(run=cmd_seed)
    nlu = commands.add_parser(
        "gen-nlu", help="generate the product-mention training data (seeded, not the catalog)"
    )
    nlu.add_argument("--out", default=str(PRODUCTS_NLU))
    nlu.add_argument("--check", action="store_true", help="fail if the file is out of date")
    nlu.set_defaults(run=cmd_gen_nlu)
    api = commands.add_parser("serve-api", help="serve the shop HTTP API")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=None)
    api.set_defaults(run=cmd_serve_api)
    demo = commands.add_parser("demo-session", help="create a cart (+ subscription), print token")
    demo.add_argument("--customer", default="demo-shopper")
    demo.add_argument("--plan", default="care-plus", help="plan code, or '' for none")
    demo.set_defaults(run=cmd_demo_session)
    up = commands.add_parser("up", help="run the action server, Rasa and the shop API")
    up.add_argument("--model", default=str(PROJECT_ROOT / "models" / "checkout.tar.gz"))
    up.set_defaults(run=cmd_up)
    chat = commands.add_parser("chat", help="chat with a running assistant over REST")
    chat.add_argument("--token", required=True)
    chat.add_argument("--url", default="http://127.0.0.1:5005/webhooks/rest/webhook")
    chat.add_argument(
        "--sender", default=None, help="conversation id (default: a new one for each chat)"
    )
    chat.set_defaults(run=cmd_chat)
    register_data_commands(commands, _shop)
    register_report_command(commands, _shop)
    register_filler_commands(commands, _shop)
    register_housekeeping_commands(commands, _shop)
    register_schema_commands(commands, _db_url)
    register_shipping_command(commands, _shop)
    for command in commands.choices.values():  # `--db` after the subcommand works too
        command.add_argument(
            "--db", dest="db_after", default=argparse.SUPPRESS,
            help="store URL or SQLite file path (also accepted before the command, once)",
        )  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; expected errors print one line and exit 2."""
    from bot.domain.errors import DomainError

    args = parse_args(build_parser(), argv)
    try:
        return int(args.run(args))
    except (DomainError, CliError) as error:
        print(f"error: {getattr(error, 'message', error)}", file=sys.stderr)
        return 2
    except BAD_URL as error:  # a --db that is no usable URL
        print(f"error: --db / SHOP_DB_URL: {error}", file=sys.stderr)
        return 2
    except SystemExit as stop:  # a bad setting (SHOP_*): its message, as a usage error
        if not isinstance(stop.code, str):
            raise
        print(f"error: {stop.code}", file=sys.stderr)
        return 2
