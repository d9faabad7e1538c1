from django.urls import path

from koers.apps.portfolio import views

app_name = "portfolio"

# Included under organisaties/<slug:slug>/portefeuille/
urlpatterns = [
    path("", views.overview, name="overview"),
    path("exporteren/csv/", views.export_csv, name="export_csv"),
    path("exporteren/excel/", views.export_xlsx, name="export_xlsx"),
    path("importeren/", views.import_file, name="import"),
    path("initiatieven/", views.initiative_list, name="initiatives"),
    path("aanvragen/", views.submit, name="submit"),
    path("initiatieven/<int:initiative_id>/", views.initiative_detail, name="initiative"),
    path("initiatieven/<int:initiative_id>/status/", views.move, name="move"),
    path("initiatieven/<int:initiative_id>/scores/", views.score, name="score"),
    path("initiatieven/<int:initiative_id>/principes/", views.principle_checks, name="principle_checks"),
    path("initiatieven/<int:initiative_id>/spelregels/", views.compliance, name="compliance"),
    path("initiatieven/<int:initiative_id>/bewerken/", views.initiative_edit, name="initiative_edit"),
    path("initiatieven/<int:initiative_id>/inzet/", views.effort_edit, name="effort_edit"),
    path("afwegingskaders/", views.framework_list, name="frameworks"),
    path("afwegingskaders/<int:framework_id>/", views.framework_detail, name="framework"),
    path("afwegingskaders/<int:framework_id>/vaststellen/", views.framework_publish, name="framework_publish"),
    path("afwegingskaders/<int:framework_id>/nieuwe-versie/", views.framework_new_version,
         name="framework_new_version"),
    path("spelregels/", views.rules, name="rules"),
    path("principes/", views.principle_list, name="principles"),
    path("principes/<int:principle_id>/", views.principle_edit, name="principle_edit"),
    path("doelen/", views.goal_list, name="goals"),
    path("doelen/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path("doelen/<int:goal_id>/verwijderen/", views.goal_delete, name="goal_delete"),
    path("capaciteit/", views.capacity, name="capacity"),
    path("scenarios/", views.run_list, name="runs"),
    path("scenarios/nieuw/", views.run_create, name="run_create"),
    path("scenarios/<int:run_id>/", views.run_detail, name="run"),
    path("scenarios/<int:run_id>/opnieuw/", views.run_retry, name="run_retry"),
    path("scenarios/<int:run_id>/verwijderen/", views.run_delete, name="run_delete"),
    path("besluiten/", views.decision_list, name="decisions"),
    path("besluiten/nieuw/", views.decide, name="decide"),
    path("besluiten/<int:decision_id>/publicatie/", views.decision_publish, name="decision_publish"),
]

# Included under openbaar/<slug:slug>/ (no login)
public_urlpatterns = ([
    path("portefeuille/", views.public_decisions, name="decisions"),
], "portfolio_public")
