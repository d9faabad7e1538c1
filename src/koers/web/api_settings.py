"""Settings of the REST API (Django REST framework and drf-spectacular).

``koers.web.settings`` imports everything from here. Only plain values: nothing in this module
imports Django or the REST framework, so it is safe to load while settings are being built.

The DEFAULT_* classes below are the REST framework's own: the Koers API views set their
renderers, parsers and pagination explicitly (``koers.web.api.base.ApiView``), because the REST
framework reads DEFAULT_* classes while it is being imported, before ``koers.web.api.base`` can be.
"""

from __future__ import annotations

import os

# The semantic version of the API, sent as the API-Version header on every API response
# (API Design Rules, /core/version-header) and published as info.version in the OpenAPI document.
API_VERSION = "1.0.0"
API_PREFIX = "/api/v1"

REST_FRAMEWORK = {
    # Unused by Koers's views: they set koers.web.api.base.ApiTokenAuthentication (hashed keys, first,
    # so an anonymous request gets 401 with "WWW-Authenticate: Token") and the session themselves.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",  # unused by Koers views: base.StrictJSONParser
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "EXCEPTION_HANDLER": "koers.web.api.base.problem_exception_handler",  # read lazily, on the first error
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NON_FIELD_ERRORS_KEY": "nonFieldErrors",
    "URL_FORMAT_OVERRIDE": "format",  # ?format=csv on the audit trail
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": (
        "Met de Koers API leest en beheert een organisatie (gemeente, provincie, waterschap of "
        "samenwerkingsverband) haar gegevens in Koers: de organisaties waarvan u lid bent, de "
        "geüploade beleidsdocumenten met de scanresultaten per thema en de passages die als bewijs "
        "dienen, het codeboek, de audittrail en de leden, en de portefeuille: initiatieven met hun "
        "statuswijzigingen (getoetst aan de spelregels), scores en principetoets, afwegingskaders, "
        "teams en capaciteit, selectieruns met gevoeligheidsanalyse, besluiten, en import en export "
        "als CSV of Excel. Voor effectsturing: de doelenboom, indicatoren met hun status en verwachting, "
        "streefwaarden met hun geschiedenis en metingen (los, in een reeks of uit een CSV- of Excel-bestand). "
        "Voor de kanaalmix: contacten per periode, dienst, kanaal en groep, het aanbod van de kanalen "
        "(capaciteit en openingsuren) en de inclusiewaarschuwingen. "
        "Voor de zelfscan: vragenlijsten, rondes, links voor respondenten (maken en intrekken) en de "
        "uitkomsten per dimensie. "
        "Voor de raad: rapportages (concepten, uitbrengen met een vastgelegde pdf en publiceren). "
        "Het landelijk beeld (aandeel gemeenten met expliciete aandacht per thema, naar grootteklasse, "
        "provincie of jaar, met betrouwbaarheidsinterval) is openbaar en vraagt geen aanmelding. "
        "Voor onderzoekers met het recht daartoe: landelijke scanopdrachten (starten en volgen).\n\n"
        "Aanmelden gaat met een API-sleutel in de header `Authorization: Token <sleutel>`; in de browser "
        "werkt ook de gewone sessie na inloggen. U ziet alleen organisaties waarvan u lid bent: een "
        "andere organisatie geeft 404. Wat u mag, hangt af van uw rol (lezer, bijdrager, beheerder, "
        "organisatiebeheerder); een te lage rol geeft 403.\n\n"
        "De API volgt de API Design Rules van de Nederlandse overheid: paden zonder slash aan het "
        "eind, elke respons heeft de header `API-Version`, en fouten komen als "
        "`application/problem+json` (RFC 9457) met `type`, `title`, `status`, `detail` en "
        "`instance`, bij ongeldige invoer aangevuld met `invalid-params`."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {
        "name": os.environ.get("KOERS_API_CONTACT_NAME", "Koers-project"),
        "email": os.environ.get("KOERS_API_CONTACT_EMAIL", "koers@example.org"),
        "url": os.environ.get("KOERS_API_CONTACT_URL", "https://koers.example.org"),
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://interoperable-europe.ec.europa.eu/collection/eupl"},
    # Paths are published relative to the server /api/v1 (the major version lives in the server URL).
    "SERVERS": [{"url": API_PREFIX, "description": "Deze Koers-installatie"}],
    "SCHEMA_PATH_PREFIX": API_PREFIX,
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "koers.apps.organisations.models.Role",
        "DocTypeEnum": "koers.apps.agenda.models.DocType",
        "DocumentStatusEnum": "koers.apps.agenda.models.Status",
        "ConfidenceEnum": "koers.apps.agenda.models.Confidence",
        "InitiativeStatusEnum": "koers.apps.portfolio.models.Initiative.Status",
        "FrameworkStateEnum": "koers.apps.portfolio.models.CriteriaFramework.State",
        "PrincipleKindEnum": "koers.apps.portfolio.models.Principle.Kind",
        "IndicatorDirectionEnum": "koers.apps.indicators.models.Indicator.Direction",
        "IndicatorFrequencyEnum": "koers.apps.indicators.models.Indicator.Frequency",
        "IndicatorStatusEnum": "koers.apps.indicators.api.definitions.STATUS_CHOICES",
        "ChannelEnum": "koers.apps.channels.models.CHANNEL_CHOICES",
        "ReadinessOecdEnum": "koers.apps.readiness.models.Dimension.Oecd",
        "QuestionnaireStateEnum": "koers.apps.readiness.models.Questionnaire.State",
        "ReportStateEnum": "koers.apps.reports.models.Report.State",
        "ReportSectionEnum": "koers.apps.reports.models.SECTION_CHOICES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koers.web.api.schema.add_adr_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",  # served from the drf-spectacular-sidecar package: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": True},
}
