"""The audit log, readable by the secretariat and written only by the portal; and what every process's
review screens share: decisions on one submission from its page, or on many from the list, where a comment
(or any other input the decision needs) is asked for on an intermediate page first."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import ReadOnlyAdminMixin
from .models import AuditEntry, SubmissionState


class FiledWithoutFocalPointFilter(admin.SimpleListFilter):
    """Items filed for an organisation by someone who was not its confirmed focal point at the time (see
    ``SubmissionQuerySet.filed_without_focal_point``): the secretariat decides what becomes of them."""

    title = _("filed without a confirmed focal point")
    parameter_name = "without_focal_point"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Filed without a confirmed focal point")),
            ("no", _("Filed by a confirmed focal point")),
        ]

    def queryset(self, request, queryset):
        flagged = queryset.model.objects.filed_without_focal_point().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=flagged)
        if self.value() == "no":
            return queryset.exclude(pk__in=flagged)
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type", "at")
    search_fields = ("object_repr", "actor__email", "note")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "changes_table",
        "note",
    )
    fields = readonly_fields

    @admin.display(description=_("changes"))
    def changes_table(self, entry):
        if not entry.changes:
            return "—"
        return format_html_join(
            "",
            "<div><strong>{}</strong>: <bdi>{}</bdi> → <bdi>{}</bdi></div>",
            ((name, before, after) for name, (before, after) in entry.changes.items()),
        )


class CommentForm(forms.Form):
    """What the intermediate page of a bulk decision asks for: the comment every submitter reads.

    Every form of an intermediate page is built with ``items``, the selected submissions (a merge offers
    targets from their consultations); this one does not need them."""

    required_message = _("Write the comment: the submitters read it.")
    comment = forms.CharField(
        label=_("Comment or reason"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80, "dir": "auto"}),
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].error_messages["required"] = self.required_message


class ReviewAdminMixin:
    """Review of submissions by the secretariat, for a ModelAdmin of a ``lifecycle.Submission`` model.

    The admin says who may review (``has_review_permission``) and what each decision does (``apply``,
    which calls the process's services; they check the state, write the audit entry and mail the
    submitter). This mixin gives the change page a review form (``review_form_class``, with a
    ``decision`` field) posted to ``<pk>/review/``, and the bulk actions ``decide`` and
    ``decide_after_asking``; the actions named in ``review_actions`` are shown only to reviewers.
    """

    review_actions = ()
    review_form_class = None
    comment_form_class = CommentForm
    decide_template = "admin/lifecycle/decide.html"

    def has_review_permission(self, request) -> bool:
        raise NotImplementedError

    def apply(self, item, decision, by, **data):
        """Carry out ``decision`` on ``item`` through the services; raise what they raise."""
        raise NotImplementedError

    def decided_message(self, count):
        return ngettext("%(count)d submission decided.", "%(count)d submissions decided.", count) % {
            "count": count
        }

    def decide(self, request, queryset, decision, **data):
        """Apply ``decision`` to each item of ``queryset``; report what was done and what was refused."""
        done, refused = 0, []
        for item in queryset:
            try:
                self.apply(item, decision, request.user, **data)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [])) or _("not allowed")
                refused.append(f"{item.reference or item.pk}: {reason}")
        if done:
            self.message_user(request, self.decided_message(done), messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    def decide_after_asking(self, request, queryset, decision, title, form_class=None, explanation=""):
        """A bulk action in two steps: a page asks for what the decision needs (by default the comment the
        submitters read), then the decision is applied. Returns the page, or None once it is applied."""
        form_class = form_class or self.comment_form_class
        applying = "apply" in request.POST
        form = form_class(request.POST if applying else None, items=queryset)
        if applying:
            if form.is_valid():
                self.decide(request, queryset, decision, **form.cleaned_data)
                return None
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
        return TemplateResponse(
            request,
            self.decide_template,
            {
                **self.admin_site.each_context(request),
                "title": title,
                "explanation": explanation or _("Each submitter receives the comment below and reads it."),
                "items": queryset,
                "form": form,
                "action": request.POST["action"],
                "opts": self.opts,
            },
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_review_permission(request):
            for name in self.review_actions:
                actions.pop(name, None)
        return actions

    def get_review_form(self, item, data=None):
        return self.review_form_class(data)

    def review_url(self, item):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_review", args=[item.pk])

    def change_url(self, pk):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk])

    def after_review_url(self, item):
        """Where the clerk lands after a decision taken on the change page of ``item``."""
        return self.change_url(item.pk)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review"
        return [
            path("<int:pk>/review/", self.admin_site.admin_view(self.review_view), name=name),
            *super().get_urls(),
        ]

    def change_page_context(self, request, item):
        """More context for the change page of ``item`` (None when it does not exist)."""
        return {}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        can_review = bool(
            item is not None
            and self.has_review_permission(request)
            and item.state == SubmissionState.SUBMITTED
        )
        extra = {"can_review": can_review, **self.change_page_context(request, item)}
        if can_review:
            extra.update(review_form=self.get_review_form(item), review_url=self.review_url(item))
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def review_view(self, request, pk):
        """The decision taken with the review form of a change page."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        item = get_object_or_404(self.model, pk=pk)
        form = self.get_review_form(item, request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            decision = data.pop("decision")
            self.decide(request, self.model.objects.filter(pk=pk), decision, **data)
            return HttpResponseRedirect(self.after_review_url(item))
        for errors in form.errors.values():
            self.message_user(request, " ".join(errors), messages.ERROR)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk])
        )
