from django.urls import path

from koers.apps.national.views import figures

app_name = "national"

# Included under organisaties/<slug:slug>/landelijk-beeld/
urlpatterns = [
    path("", figures.opt_in, name="opt_in"),
]

# The public national view, at /landelijk/ (no account needed).
public_urlpatterns = ([
    path("", figures.national, name="figures"),
    path("csv/", figures.national_csv, name="csv"),
], "national_public")
