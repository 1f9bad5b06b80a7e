"""The experiment report as files: an HTML page and its PNG plots (matplotlib)."""
