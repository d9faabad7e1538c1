from django.urls import path

from koers.apps.indicators import views

app_name = "indicators"

# Included under organisaties/<slug:slug>/effecten/
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("doelen/", views.goal_tree, name="goals"),
    path("doelen/<int:goal_id>/", views.goal_detail, name="goal"),
    path("indicatoren/nieuw/", views.indicator_create, name="create"),
    path("indicatoren/standaard/", views.add_default, name="add_default"),
    path("indicatoren/<int:indicator_id>/", views.indicator_detail, name="indicator"),
    path("indicatoren/<int:indicator_id>/bewerken/", views.indicator_edit, name="edit"),
    path("indicatoren/<int:indicator_id>/verwijderen/", views.indicator_delete, name="delete"),
    path("indicatoren/<int:indicator_id>/streefwaarden/", views.targets, name="targets"),
    path("indicatoren/<int:indicator_id>/streefwaarden/<int:target_id>/intrekken/", views.target_remove,
         name="target_remove"),
    path("indicatoren/<int:indicator_id>/metingen/nieuw/", views.measurement_add, name="measurement_add"),
    path("indicatoren/<int:indicator_id>/metingen/<int:measurement_id>/verwijderen/", views.measurement_delete,
         name="measurement_delete"),
    path("indicatoren/<int:indicator_id>/importeren/", views.import_measurements, name="import"),
]
