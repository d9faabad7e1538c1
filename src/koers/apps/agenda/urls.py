from django.urls import path

from koers.apps.agenda import views

app_name = "agenda"

# Included under organisaties/<slug:slug>/
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agenda/", views.document_list, name="documents"),
    path("agenda/voortgang/", views.progress, name="progress"),
    path("agenda/uploaden/", views.upload, name="upload"),
    path("agenda/opnieuw-scannen/", views.rescan_all, name="rescan_all"),
    path("agenda/documenten/<int:document_id>/", views.document_detail, name="document"),
    path("agenda/documenten/<int:document_id>/opnieuw/", views.retry, name="retry"),
    path("agenda/documenten/<int:document_id>/beoordelen/", views.review, name="review"),
    path("agenda/labels/", views.labels, name="labels"),
    path("agenda/model/", views.scan_model, name="model"),
    path("agenda/model/wijzigen/", views.scan_model_change, name="model_change"),
    path("codeboek/", views.codebook, name="codebook"),
]
