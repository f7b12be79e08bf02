"""Kept for code written before the turn pipeline: `Backend` and `EmbeddedBackend` now live in
bot/turn.py. New code imports them from there."""
from .turn import Backend, EmbeddedBackend  # noqa: F401
