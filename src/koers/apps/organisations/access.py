"""The one gate every organisation page goes through: membership first, then role.

A non-member gets 404 (the organisation's existence is not revealed); a member whose role
is below the one needed gets 403. Superusers get no extra rights here.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from koers.apps.organisations.models import Membership, Role, has_role


def membership_for(user, slug: str) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (Membership.objects.select_related("organisation")
            .filter(user=user, organisation__slug=slug).first())


def requires_role(role: str = Role.VIEWER):
    """Decorate a view taking ``slug``: sets request.organisation and request.organisation_role."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            membership = membership_for(request.user, slug)
            if membership is None:
                raise Http404("organisatie niet gevonden")
            if not has_role(membership.role, role):
                raise PermissionDenied("uw rol geeft geen toegang tot deze pagina")
            request.organisation = membership.organisation
            request.organisation_role = membership.role
            return view(request, membership.organisation, *args, **kwargs)

        wrapper.required_role = role  # read by the permission-matrix test
        return login_required(wrapper)

    return decorator


def can(request, role: str) -> bool:
    """For templates and views: does the current member have at least ``role``?"""
    return has_role(getattr(request, "organisation_role", None), role)
