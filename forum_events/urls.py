from django.urls import path

from . import views

app_name = "forum_events"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("calendar.ics", views.agenda_ical, name="agenda_ical"),
    path("changes/", views.changes, name="changes"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/calendar.ics", views.session_ical, name="session_ical"),
]
