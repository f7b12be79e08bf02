"""Channels render the engine's channel-neutral messages: terminal, Telegram, ..."""
