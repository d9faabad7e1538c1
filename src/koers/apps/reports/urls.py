from django.urls import path

from koers.apps.reports import views

app_name = "reports"

# Included under organisaties/<slug:slug>/rapportages/
urlpatterns = [
    path("", views.report_list, name="list"),
    path("nieuw/", views.report_create, name="create"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/bewerken/", views.report_edit, name="edit"),
    path("<int:report_id>/document/", views.report_document, name="document"),
    path("<int:report_id>/pdf/", views.report_pdf, name="pdf"),
    path("<int:report_id>/uitbrengen/", views.report_issue, name="issue"),
    path("<int:report_id>/publicatie/", views.report_publish, name="publish"),
    path("<int:report_id>/nieuw-concept/", views.report_copy, name="copy"),
]

# Included under openbaar/<slug:slug>/ (no login): only published reports
public_urlpatterns = ([
    path("rapportages/", views.public_list, name="list"),
    path("rapportages/<int:report_id>/", views.public_document, name="document"),
    path("rapportages/<int:report_id>/pdf/", views.public_pdf, name="pdf"),
], "reports_public")
