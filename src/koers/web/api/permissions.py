"""The organisation gate of the API: membership of the organisation in the URL, then the role.

A non-member gets 404 (the organisation's existence is not revealed), a member whose role is too
low 403, as on the pages (``koers.apps.organisations.access``).
"""

from __future__ import annotations

from rest_framework import exceptions, permissions

from koers.apps.organisations.access import membership_for
from koers.apps.organisations.models import Role, has_role


class OrganisationRole(permissions.BasePermission):
    """Membership of the organisation in the URL (else 404) and the role the action needs (else 403).

    The view names the needed role per action in ``required_roles`` (``{"create": Role.CONTRIBUTOR}``)
    with ``required_role`` as the default; it gets ``organisation`` and ``organisation_role`` set.
    """

    message = "Uw rol in deze organisatie geeft geen toegang tot deze handeling."
    slug_kwarg = "organisation_slug"

    def has_permission(self, request, view) -> bool:
        membership = membership_for(request.user, view.kwargs.get(self.slug_kwarg, ""))
        if membership is None:
            raise exceptions.NotFound("Organisatie niet gevonden.")
        view.organisation, view.organisation_role = membership.organisation, membership.role
        return has_role(membership.role, needed_role(view, request))


def needed_role(view, request) -> str:
    action = getattr(view, "action", None) or request.method.lower()
    return getattr(view, "required_roles", {}).get(action, getattr(view, "required_role", Role.VIEWER))


class OrganisationScopedMixin:
    """For views under /organisations/{organisation_slug}/...: authenticated member with a role."""

    permission_classes = [permissions.IsAuthenticated, OrganisationRole]
    required_role = Role.VIEWER
    required_roles: dict[str, str] = {}
    organisation = None
    organisation_role = None
