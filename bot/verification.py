"""Whether a service's contact details are recent enough to trust: one rule for the referral list,
the record and the printable pathway document."""
from __future__ import annotations

import datetime as dt

from .pathways import Pathway, Service


def staleness(service: Service, pathway: Pathway, today: dt.date) -> str | None:
    """Why a contact may be out of date, or None if it was verified recently enough."""
    if service.last_verified is None:
        return pathway.messages["stale_never"]
    if (today - service.last_verified).days > pathway.settings["verification_max_age_days"]:
        return pathway.messages["stale_since"].format(date=service.last_verified.isoformat())
    return None
