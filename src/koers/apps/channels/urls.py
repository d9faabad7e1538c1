from django.urls import path

from koers.apps.channels import views

app_name = "channels"

# Included under organisaties/<slug:slug>/kanalen/
urlpatterns = [
    path("", views.overview, name="overview"),
    path("importeren/", views.import_counts, name="import"),
    path("aanbod/", views.supply, name="supply"),
    path("aanbod/<int:supply_id>/verwijderen/", views.supply_delete, name="supply_delete"),
    path("drempel/", views.threshold, name="threshold"),
]
