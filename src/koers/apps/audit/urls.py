from django.urls import path

from koers.apps.audit import views

app_name = "audit"

# Included under organisaties/<slug:slug>/
urlpatterns = [
    path("audit/", views.entry_list, name="list"),
    path("audit/export.csv", views.export_csv, name="export"),
]
