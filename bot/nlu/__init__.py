"""Rasa NLU pipeline additions (listed in config.yml by dotted name)."""
