"""The high-level track: each invited Member State's invitation (answered through a secret link) and its
requests for a speaking slot in the high-level policy sessions, allocated by protocol rank."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Edition
from wsis_portal.languages import portal_languages, un_languages
from wsis_portal.uploads import FileCheck, private_storage

from .session import Session


class ProtocolRank(models.IntegerChoices):
    """Who speaks first: the lower the number, the higher the rank."""

    HEAD_OF_STATE = 1, _("Head of State or Government")
    VICE_PRESIDENT = 2, _("Vice-President or Deputy Prime Minister")
    MINISTER = 3, _("Minister")
    DEPUTY_MINISTER = 4, _("Deputy Minister")
    AMBASSADOR = 5, _("Ambassador or head of delegation")
    OTHER = 6, _("Other")


class Invitation(models.Model):
    """The invitation of one Member State to the high-level track of one edition. The secret link's token
    is kept only as a SHA-256 digest; issuing a new link voids the old one."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("edition")
    )
    member_state = models.ForeignKey(
        "stakeholders.MemberState",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("Member State"),
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    language = models.CharField(
        _("language of the protocol office"), max_length=10, choices=portal_languages, default="en"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["edition", "member_state__country"]
        verbose_name = _("invitation to the high-level track")
        verbose_name_plural = _("invitations to the high-level track")
        constraints = [
            models.UniqueConstraint(fields=["edition", "member_state"], name="one_invitation_per_state")
        ]

    def __str__(self):
        return f"{self.member_state} · {self.edition}"


class InvitationLink(models.Model):
    """A further secret link to an invitation, carried by a personalised letter to the minister: it opens
    the same invitation as the link mailed to the protocol office, which stays valid. Kept as a SHA-256
    digest, like that one; sending the invitation a new link voids these too."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="links", verbose_name=_("invitation")
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("link carried by a letter")
        verbose_name_plural = _("links carried by letters")

    def __str__(self):
        return str(self.invitation)


def statement_languages():
    return un_languages()


class SlotRequest(models.Model):
    """A Member State's request to speak in one high-level policy session (its first or second choice).

    Its status is never set by hand: ``forum_events.high_level.reallocate`` gives the session's slots to
    the active requests in protocol order (rank, then time of request) and puts the rest on the waiting list.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Slot confirmed")
        WAITING = "waiting", _("On the waiting list")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person in Geneva")
        REMOTE = "remote", _("Remotely")

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="requests", verbose_name=_("invitation")
    )
    member_state = models.ForeignKey(
        "stakeholders.MemberState", on_delete=models.PROTECT, related_name="+", verbose_name=_("Member State")
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="slot_requests", verbose_name=_("session")
    )
    preference = models.PositiveSmallIntegerField(
        _("choice"), choices=[(1, _("First choice")), (2, _("Second choice"))], default=1
    )
    speaker_name = models.CharField(_("speaker's name"), max_length=200)
    speaker_title = models.CharField(_("speaker's title"), max_length=250)
    rank = models.PositiveSmallIntegerField(_("protocol rank"), choices=ProtocolRank.choices)
    is_delegate = models.BooleanField(
        _("a delegate speaks for the minister"),
        default=False,
        help_text=_(
            "A deputy minister, an ambassador or a head of delegation, when the minister cannot attend."
        ),
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices)
    statement = models.FileField(
        _("policy statement"),
        upload_to="forum/statements/%Y/",
        storage=private_storage,
        blank=True,
        validators=[FileCheck(("pdf", "docx"))],
        help_text=_("PDF or DOCX."),
    )
    statement_language = models.CharField(
        _("original language of the statement"), max_length=10, choices=statement_languages, blank=True
    )
    biography = models.TextField(_("short biography"), blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="forum/photos/%Y/",
        storage=private_storage,
        blank=True,
        validators=[FileCheck(("png", "jpg", "jpeg"))],
        help_text=_("PNG or JPEG."),
    )
    requested_at = models.DateTimeField(_("requested at"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["session", "rank", "requested_at", "pk"]
        verbose_name = _("speaking slot request")
        verbose_name_plural = _("speaking slot requests")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member_state"],
                condition=~Q(status="withdrawn"),
                name="one_speaker_per_state_per_session",
            ),
            models.UniqueConstraint(
                fields=["invitation", "preference"],
                condition=~Q(status="withdrawn"),
                name="one_request_per_choice",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="slot_request_status")]

    def __str__(self):
        return f"{self.member_state} · {self.session}"
