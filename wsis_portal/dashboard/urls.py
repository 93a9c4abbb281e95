from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("me/", views.participation, name="participation"),
]
