"""Rasa SDK actions: thin adapters from trackers to the chat flows in ``bot.chat``."""

from actions.warm_up import attach_warm_up

attach_warm_up()
