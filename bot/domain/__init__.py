"""Pure domain rules: pricing, shipping, offers, ranking. No I/O in this package."""
