"""Async clients, one package per provider. No Qt imports."""
