"""The secretariat's screens of the public vote: the votes, read-only, filtered by cycle, category, policy
verdict and exclusion; excluding votes with a reason (and restoring them) through ``prizes.voting``; each
project's counts (valid, and not counted by reason) with CSV and XLSX exports; the list of disposable
e-mail domains of the published policy."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis_portal import exports as tables
from wsis_portal.lifecycle.audit import AuditedModelAdmin, ReadOnlyAdminMixin

from .. import voting
from ..forms_voting import ExcludeVotesForm
from ..models import PolicyReason, PrizeCycle, Vote
from ..models.voting import DisposableEmailDomain
from .submissions import CategoryFilter, CycleFilter, user_text

# Columns of the exported counts, after the project's own: the ``voting.tally`` counts.
PROJECT_COLUMNS = ("cycle", "category", "reference", "title", "state")
COUNT_COLUMNS = (*PROJECT_COLUMNS, *voting.BUCKETS, "total")


def count_rows(projects):
    """The exported rows of ``voting.tally``'s projects, in ``COUNT_COLUMNS`` order."""
    for project in projects:
        yield [
            project.cycle.edition.year,
            project.category.action_line.code,
            project.reference,
            project.title,
            project.state,
            *(getattr(project, name) for name in (*voting.BUCKETS, "total")),
        ]


class ExcludedFilter(admin.SimpleListFilter):
    title = _("excluded by the secretariat")
    parameter_name = "excluded"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(excluded_at__isnull=self.value() == "no")
        return queryset


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "cast_at",
        "category_code",
        "project",
        "email_domain",
        "network",
        "account_created_at",
        "policy_reason",
        "excluded_reason",
    )
    list_filter = (CycleFilter, CategoryFilter, "policy_reason", ExcludedFilter)
    list_select_related = ("category__action_line", "submission")
    search_fields = (
        "submission__reference",
        "submission__title",
        "email_domain",
        "ip_network",
        "voter__email",
    )
    list_per_page = 100
    actions = ("exclude_with_reason", "restore")
    change_list_template = "prizes/voting/admin_change_list.html"
    exclude = ("voter_key",)

    @admin.display(description=_("category"), ordering="category__position")
    def category_code(self, vote):
        return format_html("<bdi>{}</bdi>", vote.category.action_line.code)

    @admin.display(description=_("project"), ordering="submission__title")
    def project(self, vote):
        return user_text(vote.submission, vote.submission.title)

    @admin.display(description=_("network"), ordering="ip_network")
    def network(self, vote):
        return format_html("<bdi>{}</bdi>", vote.ip_network) if vote.ip_network else "—"

    def has_exclude_permission(self, request):
        """Excluding or restoring a vote is the "change" permission of votes (the services write it)."""
        return request.user.has_perm("prizes.change_vote")

    @admin.action(description=_("Exclude the selected votes, with a reason"), permissions=["exclude"])
    def exclude_with_reason(self, request, queryset):
        votes = list(queryset.select_related("cycle", "category__action_line", "submission"))
        form = ExcludeVotesForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            excluded = 0
            try:
                for vote in votes:
                    excluded += voting.exclude_vote(vote, form.cleaned_data["reason"], request.user)
            except ValidationError as refused:
                self.message_user(request, " ".join(refused.messages), messages.ERROR)
                return None
            text = ngettext("%(count)d vote excluded.", "%(count)d votes excluded.", excluded)
            self.message_user(request, text % {"count": excluded}, messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "prizes/voting/admin_exclude.html",
            {**self.admin_site.each_context(request), "opts": self.opts, "votes": votes, "form": form},
            status=400 if form.is_bound else 200,
        )

    @admin.action(description=_("Count the selected votes again"), permissions=["exclude"])
    def restore(self, request, queryset):
        restored = 0
        try:
            for vote in queryset.select_related("cycle"):
                restored += voting.restore_vote(vote, request.user)
        except ValidationError as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return
        text = ngettext("%(count)d vote counted again.", "%(count)d votes counted again.", restored)
        self.message_user(request, text % {"count": restored}, messages.SUCCESS)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("counts/", view(self.counts_view), name=f"{prefix}_counts"),
            path("counts/export/<str:fmt>/", view(self.counts_export), name=f"{prefix}_counts_export"),
            *super().get_urls(),
        ]

    @staticmethod
    def _cycle(source):
        """The cycle of the year ``source`` names (``cycle``), or the latest one."""
        cycles = PrizeCycle.objects.select_related("edition").prefetch_related("edition__phases")
        year = source.get("cycle", "")
        return cycles.filter(edition__year=year).first() if year.isdecimal() else cycles.first()

    def counts_view(self, request):
        """Each project's valid and not counted votes, by reason; POST applies the policy, computes or
        publishes the champions through the services."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_decide = self.has_exclude_permission(request)
        if request.method == "POST":
            if not can_decide:
                raise PermissionDenied
            cycle = self._cycle(request.POST)
            if cycle is None:
                raise Http404
            self._decide(request, cycle, request.POST.get("do"))
            return redirect(f"{reverse('admin:prizes_vote_counts')}?cycle={cycle.edition.year}")
        cycle = self._cycle(request.GET)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Vote counts by project"),
            "cycles": PrizeCycle.objects.select_related("edition"),
            "cycle": cycle,
            "rows": voting.tally(cycle) if cycle else [],
            "reasons": [reason.label for reason in PolicyReason if reason.value],
            "can_decide": can_decide,
        }
        return TemplateResponse(request, "prizes/voting/admin_counts.html", context)

    def _decide(self, request, cycle, what):
        try:
            if what == "evaluate":
                changed = voting.evaluate(cycle)
                text = ngettext(
                    "The validity policy was applied: %(count)d vote changed verdict.",
                    "The validity policy was applied: %(count)d votes changed verdict.",
                    changed,
                ) % {"count": changed}
            elif what == "champions":
                found = voting.compute_champions(cycle, request.user)
                text = ngettext(
                    "%(count)d champion in the cycle.", "%(count)d champions in the cycle.", len(found.ids)
                ) % {"count": len(found.ids)}
            elif what == "publish":
                if voting.publish_champions(cycle, request.user):
                    text = _("The champions are published; their certificates are being issued.")
                else:
                    text = _("The champions had already been published.")
            else:
                raise Http404
        except ValidationError as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return
        self.message_user(request, text, messages.SUCCESS)

    def counts_export(self, request, fmt):
        """The counts of one cycle (``?cycle=<year>``) as CSV or XLSX."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in tables.FORMATS:
            raise Http404
        cycle = self._cycle(request.GET)
        if cycle is None:
            raise Http404
        rows = count_rows(voting.tally(cycle))
        return tables.response(fmt, COUNT_COLUMNS, rows, f"wsis-prizes-votes-{cycle.edition.year}", "votes")


@admin.register(DisposableEmailDomain)
class DisposableEmailDomainAdmin(AuditedModelAdmin):
    list_display = ("domain", "added_at")
    search_fields = ("domain",)
