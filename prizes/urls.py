from django.urls import path

from .views import participant, voting
from .views import results as results_views
from .views import review as review_views

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
    path("review/", review_views.projects, name="review"),
    path("review/<int:pk>/", review_views.project, name="review_project"),
    path("review/<int:pk>/conflict/", review_views.conflict, name="review_conflict"),
    path("vote/", voting.home, name="voting"),
    path("vote/<str:code>/", voting.category, name="vote_category"),
    path("my-votes/", voting.my_votes, name="my_votes"),
    path("<int:year>/results/", results_views.results, name="results"),
    path("verify/", results_views.verify, name="verify"),
    path("verify/<str:code>/", results_views.verified, name="verify_code"),
    path("verify/<str:code>/<str:language>.pdf", results_views.certificate_pdf, name="certificate_pdf"),
    path("voting-policy/", voting.policy, name="voting_policy"),
    path(
        "mine/<int:pk>/publish-to-stocktaking/",
        participant.publish_to_stocktaking,
        name="publish_to_stocktaking",
    ),
]
