"""The secretariat's screens of the expert review: the experts assigned to each category, the conflicts of
interest they declared (read-only), their scores (read-only, exported as CSV or XLSX), and the overview of
a stage per category (ranking by mean weighted score, spread, missing reviews) from which the nominees are
marked, the winners chosen and both published, always through ``prizes.review``."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wsis_portal import exports as tables
from wsis_portal.admin_exports import ExportFilteredListMixin, export_actions
from wsis_portal.lifecycle.audit import AuditedModelAdmin, ReadOnlyAdminMixin

from .. import review, services
from ..models import (
    ConflictOfInterest,
    Criterion,
    ExpertAssignment,
    PrizeCategory,
    PrizeCycle,
    ReviewStage,
    Score,
)

SCORE_COLUMNS = (
    "cycle",
    "stage",
    "category",
    "reference",
    "title",
    "expert_email",
    "expert_name",
    *(criterion.value for criterion in Criterion),
    "weighted",
    "counted",
    "comment",
    "created_at",
    "updated_at",
)
RANKING_COLUMNS = (
    "category",
    "rank",
    "reference",
    "title",
    "organisation",
    "state",
    "mean",
    "lowest",
    "highest",
    "deviation",
    "scores",
    "missing",
)


def filter_by(title, parameter, path_to_year, path_to_code=None):
    """A list filter by cycle (``path_to_year``: the edition's year) or by category (``path_to_code``)."""

    class Filter(admin.SimpleListFilter):
        def lookups(self, request, model_admin):
            if path_to_code:
                return [(c.code, str(c)) for c in PrizeCategory.objects.select_related("action_line")]
            cycles = PrizeCycle.objects.select_related("edition").order_by("-edition__year")
            return [(str(cycle.edition.year), str(cycle)) for cycle in cycles]

        def queryset(self, request, queryset):
            if not self.value():
                return queryset
            return queryset.filter(**{path_to_code or path_to_year: self.value()})

    Filter.title, Filter.parameter_name = title, parameter
    return Filter


def project_title(submission):
    """A project's title as its submitter wrote it, in its language and direction."""
    return format_html('<span dir="auto" lang="{}">{}</span>', submission.language, submission.title)


@admin.register(ExpertAssignment)
class ExpertAssignmentAdmin(AuditedModelAdmin):
    list_display = ("expert", "category_code", "cycle", "assigned_at")
    list_filter = (
        filter_by(_("prize cycle"), "cycle", "cycle__edition__year"),
        filter_by(_("category"), "category", None, "category__action_line__code"),
    )
    list_select_related = ("expert", "category__action_line", "cycle__edition")
    search_fields = ("expert__email", "expert__full_name")
    fields = ("cycle", "category", "expert")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "expert":
            # Anyone who signed up and confirmed their address; assigning them makes them an expert.
            kwargs["queryset"] = review.expert_candidates()
            kwargs["help_text"] = _(
                "Someone who signed up on the portal and confirmed their address; assigning them gives "
                "them the reviewer role."
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or {"expert", "category", "cycle"} & set(form.changed_data):
            review.expert_assigned(obj, request.user)

    @admin.display(description=_("category"), ordering="category__position")
    def category_code(self, assignment):
        return format_html("<bdi>{}</bdi> {}", assignment.category.code, assignment.category.name)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("expert", "reference", "title", "category_code", "reason_text", "declared_at")
    list_filter = (
        filter_by(_("prize cycle"), "cycle", "submission__cycle__edition__year"),
        filter_by(_("category"), "category", None, "submission__category__action_line__code"),
    )
    list_select_related = ("expert", "submission__category__action_line")
    search_fields = ("expert__email", "expert__full_name", "submission__reference", "submission__title")

    @admin.display(description=_("reference"), ordering="submission__reference")
    def reference(self, conflict):
        return format_html("<bdi>{}</bdi>", conflict.submission.reference)

    @admin.display(description=_("title"))
    def title(self, conflict):
        return project_title(conflict.submission)

    @admin.display(description=_("category"), ordering="submission__category__position")
    def category_code(self, conflict):
        return format_html("<bdi>{}</bdi>", conflict.submission.category.code)

    @admin.display(description=_("nature of the interest"))
    def reason_text(self, conflict):
        return format_html('<span dir="auto">{}</span>', conflict.reason)


def with_conflicts(scores):
    """``scores`` with ``conflicted``: whether the expert declared a conflict with the project."""
    return scores.annotate(
        conflicted=Exists(
            ConflictOfInterest.objects.filter(expert=OuterRef("expert"), submission=OuterRef("submission"))
        ),
        assigned=Exists(
            ExpertAssignment.objects.filter(
                cycle=OuterRef("submission__cycle"),
                category=OuterRef("submission__category"),
                expert=OuterRef("expert"),
            )
        ),
    )


def score_rows(scores):
    """Lists of cell values in ``SCORE_COLUMNS`` order: codes and numbers, instants in UTC."""
    weights = {}
    for score in (
        with_conflicts(scores)
        .select_related("expert", "submission__cycle__edition", "submission__category__action_line")
        .order_by(
            "submission__cycle__edition__year",
            "stage",
            "submission__category__position",
            "submission__reference",
            "expert__email",
        )
    ):
        cycle = score.submission.cycle
        if cycle.pk not in weights:
            weights[cycle.pk] = review.weights(cycle)
        yield [
            cycle.edition.year,
            score.stage,
            score.submission.category.code,
            score.submission.reference,
            score.submission.title,
            score.expert.email,
            score.expert.full_name,
            *(getattr(score, criterion.value) for criterion in Criterion),
            round(sum(getattr(score, name) * weight for name, weight in weights[cycle.pk].items()), 3),
            score.assigned and not score.conflicted,
            score.comment,
            score.created_at.isoformat(),
            score.updated_at.isoformat(),
        ]


def ranking_rows(categories):
    for category in categories:
        for rank, project in enumerate(category.projects, start=1):
            yield [
                category.category.code,
                rank,
                project.submission.reference,
                project.submission.title,
                str(project.submission.organisation or ""),
                project.submission.state,
                *(
                    None if value is None else round(value, 3)
                    for value in (project.mean, project.lowest, project.highest, project.deviation)
                ),
                project.scores,
                list(project.missing),
            ]


@admin.register(Score)
class ScoreAdmin(ExportFilteredListMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "title",
        "category_code",
        "expert",
        "stage",
        "weighted_score",
        "counted",
        "updated_at",
    )
    list_filter = (
        filter_by(_("prize cycle"), "cycle", "submission__cycle__edition__year"),
        filter_by(_("category"), "category", None, "submission__category__action_line__code"),
        "stage",
    )
    list_select_related = ("expert", "submission__cycle", "submission__category__action_line")
    search_fields = ("expert__email", "expert__full_name", "submission__reference", "submission__title")
    actions = export_actions(_("Export the selected scores as CSV"), _("Export the selected scores as XLSX"))
    change_list_template = "admin/prizes/score/change_list.html"
    export_columns = SCORE_COLUMNS
    export_filename = "wsis-prizes-scores"
    export_sheet = "scores"

    def get_queryset(self, request):
        return with_conflicts(super().get_queryset(request))

    @admin.display(description=_("reference"), ordering="submission__reference")
    def reference(self, score):
        return format_html("<bdi>{}</bdi>", score.submission.reference)

    @admin.display(description=_("title"))
    def title(self, score):
        return project_title(score.submission)

    @admin.display(description=_("category"), ordering="submission__category__position")
    def category_code(self, score):
        return format_html("<bdi>{}</bdi>", score.submission.category.code)

    @admin.display(description=_("weighted score"))
    def weighted_score(self, score):
        return format_html("<bdi>{}</bdi>", f"{score.weighted(review.weights(score.submission.cycle)):.2f}")

    @admin.display(description=_("counted"), boolean=True)
    def counted(self, score):
        return score.assigned and not score.conflicted

    def export_rows(self, queryset):
        return score_rows(queryset)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("overview/", view(self.overview_view), name="prizes_score_overview"),
            path("overview/ranking.csv", view(self.ranking_export), name="prizes_score_ranking"),
            path("overview/publish/", view(require_POST(self.publish_view)), name="prizes_score_publish"),
            *super().get_urls(),
        ]

    def _chosen(self, request, data):
        """The cycle (``?cycle=YEAR``, else the current one) with its phases, every cycle to choose from,
        and the stage (``?stage=``, else the one open or last started)."""
        cycles = list(
            PrizeCycle.objects.select_related("edition")
            .prefetch_related("edition__phases")
            .order_by("-edition__year")
        )
        year = data.get("cycle")
        if year:
            cycle = next((c for c in cycles if str(c.edition.year) == year), None)
            if cycle is None:
                raise Http404
        else:
            current = services.current_cycle()
            cycle = next((c for c in cycles if current and c.pk == current.pk), cycles[0] if cycles else None)
        stage = data.get("stage")
        if stage and stage not in ReviewStage.values:
            raise Http404
        if not stage:
            stage = (review.current_stage(cycle) if cycle else None) or ReviewStage.NOMINATION
        return cycle, cycles, ReviewStage(stage)

    def overview_view(self, request):
        """Per category of the chosen cycle and stage: projects ranked by mean weighted score, spread,
        missing reviews; the forms that mark nominees, choose winners and publish them."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        cycle, cycles, stage = self._chosen(request, request.GET)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Expert review by category"),
            "opts": self.opts,
            "cycle": cycle,
            "cycles": cycles,
            "stage": stage,
            "stages": ReviewStage.choices,
        }
        if cycle is not None:
            weights = review.weights(cycle)
            nominating = stage == ReviewStage.NOMINATION
            context.update(
                categories=review.overview(cycle, stage),
                weights=[(criterion.label, round(weights[criterion.value] * 100)) for criterion in Criterion],
                phase=review.phase_of(cycle, stage),
                published_at=cycle.nominees_published_at if nominating else cycle.winners_published_at,
                action="make_nominees" if nominating else "choose_winner",
                may_decide=review.may_decide(request.user),
                may_publish=review.may_publish(request.user),
                decide_url=reverse("admin:prizes_submission_changelist"),
                here=f"{request.path}?cycle={cycle.edition.year}&stage={stage}",
            )
        return TemplateResponse(request, "admin/prizes/score/overview.html", context)

    def ranking_export(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        cycle, _cycles, stage = self._chosen(request, request.GET)
        if cycle is None:
            raise Http404
        return tables.csv_response(
            RANKING_COLUMNS,
            ranking_rows(review.overview(cycle, stage)),
            f"wsis-prizes-{cycle.edition.year}-{stage}-ranking.csv",
        )

    def publish_view(self, request):
        """Publish the nominees (stage "nomination") or the winners (stage "selection") of a cycle."""
        cycle, _cycles, stage = self._chosen(request, request.POST)
        if cycle is None:
            raise Http404
        publish = review.publish_nominees if stage == ReviewStage.NOMINATION else review.publish_winners
        try:
            publish(cycle, request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            done = (
                _("The nominees are published.")
                if stage == ReviewStage.NOMINATION
                else _("The winners are published; their certificates are being issued.")
            )
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(
            f"{reverse('admin:prizes_score_overview')}?cycle={cycle.edition.year}&stage={stage}"
        )


def _report(modeladmin, request, decisions):
    """Tell the clerk what a bulk decision did, then go back where they came from (the overview)."""
    if decisions.done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d project moved.", "%(count)d projects moved.", decisions.done)
            % {"count": decisions.done},
            messages.SUCCESS,
        )
    for line in decisions.refused:
        modeladmin.message_user(request, line, messages.WARNING)
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(back)
    return None


@admin.action(description=_("Mark the selected projects as nominees"), permissions=["decide"])
def make_nominees(modeladmin, request, queryset):
    return _report(modeladmin, request, review.make_nominees(queryset, request.user))


@admin.action(
    description=_("Choose the selected champion as the winner of its category"), permissions=["decide"]
)
def choose_winner(modeladmin, request, queryset):
    return _report(modeladmin, request, review.choose_winners(queryset, request.user))


def decide_permission(modeladmin, request):
    """``has_decide_permission`` of the submissions' admin: who may mark nominees and choose winners."""
    return review.may_decide(request.user)
