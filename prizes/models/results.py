"""What the cycle gives its champions and winners: a certificate in Arabic and English with a
verification code that a public page checks.

A certificate is issued once per project and kind; its PDFs are rendered afterwards by a worker, which
claims the rendering first (``status`` and ``claimed_at``) so that two workers never render it twice and a
lost or failed rendering is taken up again (``prizes.results.stale_certificates``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .submission import Submission


class Certificate(models.Model):
    class Kind(models.TextChoices):
        CHAMPION = "champion", _("WSIS Prizes Champion")
        WINNER = "winner", _("WSIS Prizes Winner")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be rendered")
        RENDERING = "rendering", _("Being rendered")
        DONE = "done", _("Rendered")
        FAILED = "failed", _("Rendering failed")

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    pdf_en = models.FileField(_("PDF in English"), upload_to="prizes/certificates/", blank=True)
    pdf_ar = models.FileField(_("PDF in Arabic"), upload_to="prizes/certificates/", blank=True)
    status = models.CharField(
        _("rendering"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    claimed_at = models.DateTimeField(_("rendering started at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("renderings attempted"), default=0)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [models.UniqueConstraint(fields=["submission", "kind"], name="prize_certificate_once")]

    def __str__(self):
        return f"{self.code} — {self.submission}"

    def pdf(self, language):
        """The stored PDF in ``language`` (a FieldFile, empty until rendered)."""
        return getattr(self, f"pdf_{language}")
