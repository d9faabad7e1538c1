from django.conf import settings

from koers.apps.organisations.models import Role, has_role


def koers(request):
    """Values every template needs: the upload limit, the organisation and what the user may do."""
    role = getattr(request, "organisation_role", None)
    return {
        "KOERS_MAX_UPLOAD_MB": settings.KOERS_MAX_UPLOAD_MB,
        "current_organisation": getattr(request, "organisation", None),
        "current_role": role,
        "may": {
            "contribute": has_role(role, Role.CONTRIBUTOR),
            "manage": has_role(role, Role.MANAGER),
            "administer": has_role(role, Role.ADMIN),
        },
    }
