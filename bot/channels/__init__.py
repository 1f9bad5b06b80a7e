"""Rasa input channels shipped with the assistant (referenced by module path in credentials.yml)."""
