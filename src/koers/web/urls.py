from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from koers.apps.organisations import views as organisation_views
from koers.apps.portfolio.urls import public_urlpatterns as portfolio_public
from koers.apps.reports.urls import public_urlpatterns as reports_public
from koers.apps.readiness.urls import public_urlpatterns as readiness_public

organisation_pages = [
    path("", include("koers.apps.agenda.urls")),
    path("", include("koers.apps.organisations.urls")),
    path("", include("koers.apps.audit.urls")),
    path("portefeuille/", include("koers.apps.portfolio.urls")),
    path("effecten/", include("koers.apps.indicators.urls")),
    path("kanalen/", include("koers.apps.channels.urls")),
    path("rapportages/", include("koers.apps.reports.urls")),
    path("zelfscan/", include("koers.apps.readiness.urls")),
]

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", set_language, name="set_language"),
    path("account/api-sleutel/", organisation_views.api_token, name="api_token"),
    path("organisaties/<slug:slug>/", include(organisation_pages)),
    path("openbaar/<slug:slug>/", include(portfolio_public)),
    path("openbaar/<slug:slug>/", include(reports_public)),
    *readiness_public,
    path("beheer/", admin.site.urls),
    path("api/v1/", include("koers.web.api.urls")),
]
