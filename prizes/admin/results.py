"""The secretariat's screen of the certificates: read-only (the results issue them), with their rendering
state, their PDFs and a "render again" action (after a project's title was corrected, or when a rendering
failed three times)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin

from .. import results
from ..models import Certificate


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "submission", "kind", "category", "cycle", "status", "issued_at", "rendered_at")
    list_filter = ("kind", "status", "submission__cycle__edition__year", "submission__category")
    list_select_related = ("submission__category__action_line", "submission__cycle__edition")
    search_fields = ("code", "submission__title", "submission__reference", "submission__organisation__name")
    fields = (
        "code",
        "submission",
        "kind",
        "issued_at",
        "status",
        "attempts",
        "claimed_at",
        "rendered_at",
        "error",
        "files",
    )
    readonly_fields = fields
    actions = ["render_certificates_again"]

    # Whoever reads the prize submissions reads their certificates; whoever publishes results renders them.
    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm("prizes.view_submission")

    def has_render_permission(self, request):
        return request.user.has_perm("prizes.change_prizecycle")

    @admin.display(description=_("category"))
    def category(self, certificate):
        return certificate.submission.category

    @admin.display(description=_("prize cycle"))
    def cycle(self, certificate):
        return certificate.submission.cycle

    @admin.display(description=_("PDF"))
    def files(self, certificate):
        ready = [
            (reverse("prizes:certificate_pdf", args=[certificate.code, code]), name)
            for code, name in results.downloads(certificate)
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', ready) or "—"

    @admin.action(description=_("Render the selected certificates again"), permissions=["render"])
    def render_certificates_again(self, request, queryset):
        count = results.render_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d certificate will be rendered again.",
                "%(count)d certificates will be rendered again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
