from django.urls import path

from koers.apps.readiness import views

app_name = "readiness"

# Included under organisaties/<slug:slug>/zelfscan/
urlpatterns = [
    path("", views.overview, name="overview"),
    path("rondes/nieuw/", views.round_create, name="round_create"),
    path("rondes/<int:round_id>/", views.round_detail, name="round"),
    path("rondes/<int:round_id>/sluiten/", views.round_close, name="round_close"),
    path("rondes/<int:round_id>/links/", views.invitations_create, name="invitations_create"),
    path("rondes/<int:round_id>/links/<int:invitation_id>/intrekken/", views.invitation_revoke,
         name="invitation_revoke"),
    path("vragenlijsten/<int:questionnaire_id>/", views.questionnaire_detail, name="questionnaire"),
    path("vragenlijsten/<int:questionnaire_id>/kopieren/", views.questionnaire_copy, name="questionnaire_copy"),
    path("vragenlijsten/<int:questionnaire_id>/publiceren/", views.questionnaire_publish,
         name="questionnaire_publish"),
    path("vragenlijsten/<int:questionnaire_id>/dimensies/<int:dimension_id>/", views.dimension_edit,
         name="dimension_edit"),
    path("vragenlijsten/<int:questionnaire_id>/vragen/<int:item_id>/", views.item_edit, name="item_edit"),
    path("vragenlijsten/<int:questionnaire_id>/dimensies/<int:dimension_id>/vraag-toevoegen/", views.item_add,
         name="item_add"),
    path("vragenlijsten/<int:questionnaire_id>/vragen/<int:item_id>/verwijderen/", views.item_delete,
         name="item_delete"),
]

# The public respondent page, at /zelfscan/<token>/ (no account needed).
public_urlpatterns = [path("zelfscan/<str:token>/", views.respond, name="respond")]
