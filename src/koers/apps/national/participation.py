"""The one service that switches an organisation's share in the national view on or off.

The ``NationalOptIn`` row is registered with the audit recorder, so both moves are in the
organisation's audit trail with who made them.
"""

from __future__ import annotations

from koers.apps.national.models import NationalOptIn


def opted_in(organisation) -> NationalOptIn | None:
    return NationalOptIn.objects.filter(organisation=organisation).first()


def set_opt_in(organisation, on: bool, user) -> None:
    """Switch on (a row) or off (no row); switching to the state it is in changes nothing."""
    current = opted_in(organisation)
    if on and current is None:
        NationalOptIn.objects.create(organisation=organisation, opted_in_by=user)
    elif not on and current is not None:
        current.delete()
