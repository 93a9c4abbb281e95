from django.urls import path

from . import views

app_name = "forum_events"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("sessions/<int:pk>/", views.session, name="session"),
]
