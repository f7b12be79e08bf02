"""pathbot: decision support for health staff responding to domestic abuse."""
