"""SQLAlchemy store: tables, engine set-up and repositories (which never commit)."""
