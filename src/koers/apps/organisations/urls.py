from django.urls import path

from koers.apps.organisations import views

app_name = "organisations"

# Included under organisaties/<slug:slug>/
urlpatterns = [
    path("leden/", views.members, name="members"),
    path("leden/<int:member_id>/rol/", views.change_role, name="change_role"),
    path("leden/<int:member_id>/verwijderen/", views.remove_member, name="remove_member"),
    path("leden/uitnodigingen/<int:invitation_id>/intrekken/", views.withdraw_invitation,
         name="withdraw_invitation"),
]
