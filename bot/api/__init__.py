"""The shop HTTP API (aiohttp)."""
