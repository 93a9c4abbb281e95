from django.urls import path

from .views import participant, public

app_name = "consultations"
urlpatterns = [
    path("", public.timeline, name="timeline"),
    path("<int:year>/", public.timeline, name="timeline_year"),
    path("consent/<str:token>/", public.consent, name="consent"),
    path("contributions/new/", participant.edit, {"kind": "contribution"}, name="contribution_new"),
    path("contributions/<int:pk>/", participant.detail, {"kind": "contribution"}, name="contribution"),
    path(
        "contributions/<int:pk>/edit/", participant.edit, {"kind": "contribution"}, name="contribution_edit"
    ),
    path(
        "contributions/<int:pk>/submit/",
        participant.submit,
        {"kind": "contribution"},
        name="contribution_submit",
    ),
    path("workshops/new/", participant.edit, {"kind": "workshop"}, name="workshop_new"),
    path("workshops/<int:pk>/", participant.detail, {"kind": "workshop"}, name="workshop"),
    path("workshops/<int:pk>/edit/", participant.edit, {"kind": "workshop"}, name="workshop_edit"),
    path("workshops/<int:pk>/submit/", participant.submit, {"kind": "workshop"}, name="workshop_submit"),
    path("nominations/new/", participant.edit, {"kind": "nomination"}, name="nomination_new"),
    path("nominations/<int:pk>/", participant.detail, {"kind": "nomination"}, name="nomination"),
    path("nominations/<int:pk>/edit/", participant.edit, {"kind": "nomination"}, name="nomination_edit"),
    path(
        "nominations/<int:pk>/submit/", participant.submit, {"kind": "nomination"}, name="nomination_submit"
    ),
]
