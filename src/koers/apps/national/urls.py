from django.urls import path

from koers.apps.national.views import batches, figures

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

# The batch pages, at /landelijk/scanopdrachten/ (the national.run_batch permission).
batch_urlpatterns = ([
    path("", batches.batch_list, name="list"),
    path("voortgang/", batches.batch_progress, name="progress"),
    path("hervatten/", batches.requeue, name="requeue"),
], "national_batches")
