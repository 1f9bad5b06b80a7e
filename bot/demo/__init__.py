"""Deterministic demo shop data: catalog, subscription plans and order history."""
