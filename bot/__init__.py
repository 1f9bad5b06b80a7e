"""Checkout assistant domain package: store, recommendations, offer rules, shop API and CLI."""
