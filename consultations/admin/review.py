"""What the three review queues share: the decision forms and the base ModelAdmin, whose decisions call
``consultations.services`` (they check the state and the permission, write the audit entry and mail the
submitter) and whose lists are exported as CSV or XLSX."""

from django import forms
from django.contrib import admin
from django.db.models import F
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wsis_portal.admin_exports import ExportFilteredListMixin, export_actions
from wsis_portal.direction import isolated_text
from wsis_portal.lifecycle.admin import CommentForm, ReviewAdminMixin
from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin
from wsis_portal.lifecycle.models import AuditEntry, SubmissionState

from .. import services
from ..models import WorkshopRequest

S = SubmissionState


class ReviewForm(forms.Form):
    """The secretariat's decision on a submitted contribution, request or nomination, on its page."""

    DECISIONS = (
        ("accept", _("Accept")),
        ("return", _("Return for changes")),
        ("decline", _("Decline")),
    )
    decision = forms.ChoiceField(widget=forms.RadioSelect, label=_("Decision"))
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        label=_("Comment or reason"),
        help_text=_("Required to return or decline; the submitter reads it."),
    )

    def __init__(self, data=None, item=None):
        super().__init__(data)
        self.fields["decision"].choices = self.DECISIONS

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("return", "decline") and not data.get("comment", "").strip():
            self.add_error("comment", _("Write what should change, or why it is not accepted."))
        return data


def merge_targets(items):
    """The requests ``items`` may be merged into: submitted or accepted ones of the same consultations."""
    return (
        WorkshopRequest.objects.filter(
            state__in=(S.SUBMITTED, S.ACCEPTED),
            merged_into__isnull=True,
            consultation__in=items.values("consultation"),
        )
        .exclude(pk__in=items.values("pk"))
        .order_by("reference")
    )


class MergeTargetField(forms.ModelChoiceField):
    def label_from_instance(self, request):
        return f"{isolated_text(request.reference)} — {isolated_text(request.title)}"


class WorkshopReviewForm(ReviewForm):
    DECISIONS = (*ReviewForm.DECISIONS, ("merge", _("Merge into another request")))
    into = MergeTargetField(
        queryset=WorkshopRequest.objects.none(),
        required=False,
        label=_("Merge into"),
        help_text=_("Its organizers join those of the chosen request."),
    )

    def __init__(self, data=None, item=None):
        super().__init__(data, item)
        self.fields["into"].queryset = merge_targets(WorkshopRequest.objects.filter(pk=item.pk))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "merge" and not data.get("into"):
            self.add_error("into", _("Choose the request to merge it into."))
        return data


class DeclineForm(CommentForm):
    required_message = _("Give the reason: the submitters read it.")


class MergeForm(forms.Form):
    """The intermediate page of the bulk merge: the request the selected ones are merged into."""

    into = MergeTargetField(
        queryset=WorkshopRequest.objects.none(),
        label=_("Merge into"),
        error_messages={"required": _("Choose the request to merge them into.")},
    )
    comment = forms.CharField(
        required=False,
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80, "dir": "auto"}),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = merge_targets(items)


def user_text(item, value, block=False):
    """Text a submitter wrote, in its language and direction."""
    lang = format_html(' lang="{}"', item.language) if item.language and item.language != "other" else ""
    if block:
        return format_html('<div dir="auto"{}>{}</div>', lang, linebreaksbr(value))
    return format_html('<span dir="auto"{}>{}</span>', lang, value)


class SubmissionAdmin(ExportFilteredListMixin, ReviewAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """A review queue: the content stays the submitter's; the secretariat decides through the services."""

    table = None  # how the queue is exported (``exports.Table``)
    list_select_related = ("organisation",)
    list_per_page = 50
    # Its page on the portal is the submitter's own.
    view_on_site = False
    ordering = (F("submitted_at").desc(nulls_last=True), "-pk")
    actions = (
        "accept_selected",
        "return_selected",
        "decline_selected",
        *export_actions(_("Export the selected items as CSV"), _("Export the selected items as XLSX")),
    )
    review_actions = ("accept_selected", "return_selected", "decline_selected")
    review_form_class = ReviewForm
    change_form_template = "admin/consultations/submission_change_form.html"
    change_list_template = "admin/consultations/submission_change_list.html"
    origin_fields = ("owner", "organisation", "stakeholder_type", "country", "region")
    review_fields = ("submitted_at", "decided_at", "decided_by", "review_comment")

    @property
    def export_columns(self):
        return self.table.columns

    @property
    def export_filename(self):
        return self.table.filename

    @property
    def export_sheet(self):
        return self.opts.model_name

    def export_rows(self, queryset):
        return self.table.rows(queryset)

    def has_review_permission(self, request):
        return services.may_review(request.user, self.model)

    def get_review_form(self, item, data=None):
        return self.review_form_class(data, item=item)

    def apply(self, item, decision, by, comment="", into=None):
        if decision == "accept":
            services.accept(item, by, comment)
        elif decision == "return":
            services.return_for_changes(item, by, comment)
        elif decision == "decline":
            services.decline(item, by, comment)
        elif decision == "merge":
            services.merge(item, into, by, comment)
        else:
            raise ValueError(decision)

    def change_page_context(self, request, item):
        if item is None:
            return {}
        entries = AuditEntry.objects.filter(
            content_type__app_label=self.opts.app_label,
            content_type__model=self.opts.model_name,
            object_id=str(item.pk),
        ).select_related("actor")
        return {"audit_entries": entries}

    @admin.display(description=_("reference"), ordering="reference")
    def reference_code(self, item):
        return format_html('<bdi class="nowrap">{}</bdi>', item.reference) if item.reference else "—"

    @admin.display(description=_("title"), ordering="title")
    def title_text(self, item):
        return user_text(item, item.title)

    @admin.action(description=_("Accept the selected items"))
    def accept_selected(self, request, queryset):
        self.decide(request, queryset, "accept")

    @admin.action(description=_("Return the selected items for changes"))
    def return_selected(self, request, queryset):
        return self.decide_after_asking(request, queryset, "return", _("Return for changes"))

    @admin.action(description=_("Decline the selected items"))
    def decline_selected(self, request, queryset):
        return self.decide_after_asking(
            request,
            queryset,
            "decline",
            _("Decline"),
            form_class=DeclineForm,
            explanation=_("Each submitter receives the reason below and reads it."),
        )
