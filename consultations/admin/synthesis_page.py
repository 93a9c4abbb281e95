"""The synthesis page of the contributions (an admin view of the contributions' admin): for one
consultation, the contributions counted by theme, action line, stakeholder type and region
(``consultations.synthesis``), each as an SVG chart with its table whose rows list the contributions
counted, and its CSV exports."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from wsis_portal import charts
from wsis_portal import exports as tables
from wsis_portal.editions.cache import current_edition
from wsis_portal.lifecycle.models import SubmissionState

from .. import exports, synthesis
from ..models import Consultation
from .filters import COUNTED


class SynthesisPageMixin:
    """Adds ``synthesis/`` and its exports to the contributions' admin, for whoever may view them."""

    def get_urls(self):
        return [
            path(
                "synthesis/",
                self.admin_site.admin_view(self.synthesis_view),
                name="consultations_contribution_synthesis",
            ),
            path(
                "synthesis/<str:what>.csv",
                self.admin_site.admin_view(self.synthesis_export),
                name="consultations_contribution_synthesis_export",
            ),
            *super().get_urls(),
        ]

    def _synthesis_consultation(self, request):
        """The consultation chosen (``?edition=YEAR``), else the current edition's, else the latest; and
        every consultation to choose from."""
        choices = list(Consultation.objects.select_related("edition").order_by("-edition__year"))
        year = request.GET.get("edition")
        if year:
            chosen = next((c for c in choices if str(c.edition.year) == year), None)
            if chosen is None:
                raise Http404
            return chosen, choices
        edition = current_edition()
        current = next((c for c in choices if edition and c.edition_id == edition.pk), None)
        return current or (choices[0] if choices else None), choices

    def synthesis_view(self, request):
        """Counts of the consultation's contributions by theme, action line, stakeholder type and region,
        each as a chart and a table whose rows list the contributions counted."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        consultation, choices = self._synthesis_consultation(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Synthesis of contributions"),
            "opts": self.opts,
            "consultation": consultation,
            "consultations": choices,
        }
        if consultation is not None:
            year = consultation.edition.year
            changelist = reverse("admin:consultations_contribution_changelist")
            rtl = get_language_bidi()
            result = synthesis.of(consultation)
            figures = []
            for name, groups in result.dimensions.items():
                rows = [
                    charts.Row(
                        group.key if name == "action_line" else group.label,
                        group.label,
                        group.count,
                        f"{changelist}?{urlencode({'edition': year, 'state': COUNTED, name: group.key})}",
                    )
                    for group in groups
                ]
                title = str(synthesis.TITLES[name])
                figures.append(charts.Chart(name, title, rows, charts.draw(name, title, rows, rtl)))
            context.update(
                charts=figures,
                total=result.total,
                accepted=result.states[SubmissionState.ACCEPTED],
                submitted=result.states[SubmissionState.SUBMITTED],
                counted_url=f"{changelist}?{urlencode({'edition': year, 'state': COUNTED})}",
                year=year,
            )
        return TemplateResponse(request, "admin/consultations/contribution/synthesis.html", context)

    def synthesis_export(self, request, what):
        """``counts.csv``: the synthesis's tables; ``contributions.csv``: the contributions it counts."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        consultation, _choices = self._synthesis_consultation(request)
        if consultation is None or what not in ("counts", "contributions"):
            raise Http404
        year = consultation.edition.year
        if what == "contributions":
            return exports.CONTRIBUTIONS.csv_response(
                synthesis.counted(consultation), f"wsis-ocp-{year}-contributions-counted.csv"
            )
        rows = (
            (name, group.key, group.label, group.count)
            for name, groups in synthesis.of(consultation).dimensions.items()
            for group in groups
        )
        return tables.csv_response(
            ("dimension", "code", "label", "contributions"), rows, f"wsis-ocp-{year}-synthesis.csv"
        )
