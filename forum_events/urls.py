from django.urls import path

from . import views, views_invitation

app_name = "forum_events"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("calendar.ics", views.agenda_ical, name="agenda_ical"),
    path("changes/", views.changes, name="changes"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/calendar.ics", views.session_ical, name="session_ical"),
    path("invitation/<str:token>/", views_invitation.invitation, name="invitation"),
    path(
        "invitation/<str:token>/requests/<int:pk>/statement/",
        views_invitation.invitation_file,
        {"field": "statement"},
        name="invitation_statement",
    ),
    path(
        "invitation/<str:token>/requests/<int:pk>/photo/",
        views_invitation.invitation_file,
        {"field": "photo"},
        name="invitation_photo",
    ),
    path("high-level/", views_invitation.protocol_office, name="protocol_office"),
    path(
        "high-level/requests/<int:pk>/statement/",
        views_invitation.protocol_office_file,
        {"field": "statement"},
        name="protocol_office_statement",
    ),
    path(
        "high-level/requests/<int:pk>/photo/",
        views_invitation.protocol_office_file,
        {"field": "photo"},
        name="protocol_office_photo",
    ),
]
