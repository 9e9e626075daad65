"""Verging Desktop: a desktop client for the Verging AI media API."""

__version__ = "0.1.0"
