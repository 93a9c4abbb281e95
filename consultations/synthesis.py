"""The synthesis of an open consultation: its contributions counted by topic, action line, stakeholder
type and region, so that the final brief can show how the input was used.

Counted are the contributions the secretariat received and has not turned down: submitted (awaiting
review) and accepted. Drafts, contributions returned for changes (until they are sent again) and declined
ones are left out. A contribution tagged with two topics counts once under each, so a dimension's counts
may add up to more than the number of contributions. Every count is one GROUP BY in the database: the
number of queries does not depend on the number of contributions.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import ActionLine
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.stakeholders.models import Region, StakeholderType

from .models import Contribution, Topic

COUNTED_STATES = (SubmissionState.SUBMITTED, SubmissionState.ACCEPTED)
DIMENSIONS = ("topic", "action_line", "stakeholder_type", "region")
TITLES = {
    "topic": _("Contributions by theme"),
    "action_line": _("Contributions by action line"),
    "stakeholder_type": _("Contributions by stakeholder type"),
    "region": _("Contributions by region"),
}
# The key of the group of contributions that do not say their stakeholder type or region.
NONE = "none"


@dataclass(frozen=True)
class Group:
    """Contributions sharing one value of a dimension: the value's code, its label and how many."""

    key: str
    label: str
    count: int


def counted(consultation):
    """The contributions of ``consultation`` the synthesis counts."""
    return Contribution.objects.filter(consultation=consultation, state__in=COUNTED_STATES)


@dataclass(frozen=True)
class Synthesis:
    """What the synthesis page shows: how many contributions are counted in each state, and each
    dimension's groups (dimension name → list of ``Group``, in ``DIMENSIONS`` order)."""

    states: dict
    dimensions: dict

    @property
    def total(self):
        return sum(self.states.values())


def _tag_counts(link, column, consultation):
    """{tag id: counted contributions carrying it}, from the link table of a many-to-many tag."""
    links = link.objects.filter(
        contribution__consultation=consultation, contribution__state__in=COUNTED_STATES
    )
    return dict(links.order_by().values_list(column).annotate(n=Count("contribution_id")))


def by_topic(consultation) -> list:
    """Every topic, in the secretariat's order, with its number of counted contributions."""
    found = _tag_counts(Contribution.topics.through, "topic_id", consultation)
    return [Group(topic.code, topic.name, found.get(topic.pk, 0)) for topic in Topic.objects.all()]


def by_action_line(consultation) -> list:
    """Every action line (C1 to C11 and C7's e-applications), in the order of the Plan of Action."""
    found = _tag_counts(Contribution.action_lines.through, "actionline_id", consultation)
    return [
        Group(line.code, f"{line.code} {line.name}", found.get(line.pk, 0))
        for line in ActionLine.objects.order_by("position")
    ]


def _origins(consultation):
    """Counted contributions by (state, stakeholder type, region id): one pass over the table answers
    three questions."""
    return list(
        counted(consultation)
        .order_by()
        .values_list("state", "stakeholder_type", "region_id")
        .annotate(n=Count("pk"))
    )


def _sum(rows, position):
    totals = {}
    for row in rows:
        totals[row[position]] = totals.get(row[position], 0) + row[-1]
    return totals


def _stakeholder_types(found) -> list:
    groups = [Group(value, str(label), found.get(value, 0)) for value, label in StakeholderType.choices]
    if found.get(""):
        groups.append(Group(NONE, str(_("Not stated")), found[""]))
    return groups


def _regions(found) -> list:
    groups = [Group(region.code, region.name, found.get(region.pk, 0)) for region in Region.objects.all()]
    if found.get(None):
        groups.append(Group(NONE, str(_("No region")), found[None]))
    return groups


def of(consultation) -> Synthesis:
    """The synthesis of ``consultation``, in six queries whatever the number of contributions: the
    origins (state, stakeholder type, region) counted in one GROUP BY, each tag in another, and the names
    of the topics, action lines and regions."""
    origins = _origins(consultation)
    states = _sum(origins, 0)
    return Synthesis(
        states={state: states.get(state, 0) for state in COUNTED_STATES},
        dimensions={
            "topic": by_topic(consultation),
            "action_line": by_action_line(consultation),
            "stakeholder_type": _stakeholder_types(_sum(origins, 1)),
            "region": _regions(_sum(origins, 2)),
        },
    )
