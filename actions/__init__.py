"""pathbot's Rasa action server: thin rasa_sdk adapters around the pathway engine.

Run with `make rasa-up` (or `rasa run actions --actions actions -p 5055` from .venv-rasa).
Nothing is loaded at import time: the pathways load on the first turn (actions/pathway.py).
"""
