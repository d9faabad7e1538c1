from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from koers.apps.organisations import views as organisation_views
from koers.apps.national.urls import batch_urlpatterns as national_batches
from koers.apps.national.urls import public_urlpatterns as national_public
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
    path("landelijk-beeld/", include("koers.apps.national.urls")),
]

# Password reset by e-mail with Django's own views; the names are Django's, the templates ours
# (the admin ships templates under the default names).
password_reset = [
    path("wachtwoord-vergeten/", auth_views.PasswordResetView.as_view(
        template_name="registration/reset_form.html", email_template_name="registration/reset_email.txt",
        subject_template_name="registration/reset_subject.txt"), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", auth_views.PasswordResetDoneView.as_view(
        template_name="registration/reset_sent.html"), name="password_reset_done"),
    path("wachtwoord-herstellen/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="registration/reset_confirm.html"), name="password_reset_confirm"),
    path("wachtwoord-herstellen/klaar/", auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/reset_complete.html"), name="password_reset_complete"),
]

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    *password_reset,
    path("taal/", set_language, name="set_language"),
    path("account/api-sleutel/", organisation_views.api_token, name="api_token"),
    path("uitnodiging/<str:token>/", organisation_views.accept_invitation, name="accept_invitation"),
    path("organisaties/<slug:slug>/", include(organisation_pages)),
    path("openbaar/<slug:slug>/", include(portfolio_public)),
    path("openbaar/<slug:slug>/", include(reports_public)),
    path("landelijk/scanopdrachten/", include(national_batches)),
    path("landelijk/", include(national_public)),
    *readiness_public,
    path("beheer/", admin.site.urls),
    path("api/v1/", include("koers.web.api.urls")),
]
