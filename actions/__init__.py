"""Rasa SDK actions: thin adapters from trackers to the chat flows in ``bot.chat``."""
