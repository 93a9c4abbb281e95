"""The WSIS Prizes on the home page and in "my participation"."""

from wsis_portal.dashboard import registry
from wsis_portal.editions.models import Process


def my_submissions(user):
    from .models import Submission

    return Submission.objects.of(user)


def register():
    registry.register(
        Process.PRIZES,
        page="prizes:cycle",
        section=registry.Section(Process.PRIZES, "prizes/participation.html", my_submissions),
    )
