from django.urls import path

from . import views

app_name = "stakeholders"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("organizations/", views.organisations, name="organisations"),
    path("confirm-email/", views.resend_verification, name="resend_verification"),
]
