from django.urls import path

from . import views

app_name = "prizes"
urlpatterns = [
    path("", views.cycle, name="cycle"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("mine/", views.my_submissions, name="mine"),
    path("mine/new/", views.edit, {"kind": "submission"}, name="new"),
    path("mine/nominate/", views.edit, {"kind": "nomination"}, name="nominate"),
    path("mine/<int:pk>/", views.detail, name="detail"),
    path("mine/<int:pk>/edit/", views.edit, name="edit"),
    path("mine/<int:pk>/submit/", views.submit, name="submit"),
]
