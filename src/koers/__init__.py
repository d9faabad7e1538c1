"""Koers: steering the digital transformation of Dutch public organisations."""

__version__ = "0.1.0"
