from django.urls import path

from .views import participant

app_name = "prizes"
urlpatterns = [
    path("", participant.cycle, name="cycle"),
    path("confirm/<str:token>/", participant.confirm, name="confirm"),
    path("mine/", participant.my_submissions, name="mine"),
    path("mine/new/", participant.edit, {"kind": "submission"}, name="new"),
    path("mine/nominate/", participant.edit, {"kind": "nomination"}, name="nominate"),
    path("mine/<int:pk>/", participant.detail, name="detail"),
    path("mine/<int:pk>/edit/", participant.edit, name="edit"),
    path("mine/<int:pk>/submit/", participant.submit, name="submit"),
]
