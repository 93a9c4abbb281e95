"""The public vote's pages: the categories with their nominees, a category's nominees (searchable, with a
vote button each), "my votes" and the published validity policy. Who may vote, when and for what is decided
by ``prizes.voting``; these views report what it says."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wsis_portal.stakeholders import behalf
from wsis_portal.textsearch.analysis import terms
from wsis_portal.textsearch.query import query_terms

from .. import services, voting
from ..models import PrizeCategory, Submission

SHOWN_STATES = voting.VOTED_STATES
QUERY_LENGTH = 200


def _nominees(cycle):
    """The projects shown on the voting pages, once the cycle's nominees are published."""
    if cycle is None or not voting.nominees_published(cycle):
        return Submission.objects.none()
    return (
        Submission.objects.filter(cycle=cycle, state__in=SHOWN_STATES)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def _my_choices(request, cycle):
    """Category id → the id of the project the signed-in voter chose in ``cycle``."""
    if cycle is None or not request.user.is_authenticated:
        return {}
    return dict(voting.votes_of(request.user).filter(cycle=cycle).values_list("category_id", "submission_id"))


def _state(cycle):
    """What the pages say about voting in ``cycle``."""
    phase = voting.voting_phase(cycle) if cycle else None
    return {
        "cycle": cycle,
        "voting_phase": phase,
        "voting_open": cycle is not None and voting.is_voting_open(cycle),
        "voting_closed": cycle is not None and voting.has_voting_closed(cycle),
        "published": cycle is not None and voting.nominees_published(cycle),
    }


@require_http_methods(["GET", "HEAD"])
def home(request):
    """Every category with its nominees, and the voter's choice in each."""
    cycle = services.current_cycle()
    categories = list(
        PrizeCategory.objects.select_related("action_line").prefetch_related(
            Prefetch("submissions", queryset=_nominees(cycle), to_attr="nominees")
        )
    )
    choices = _my_choices(request, cycle)
    for each in categories:
        each.choice = choices.get(each.pk)
    return render(request, "prizes/voting/home.html", {**_state(cycle), "categories": categories})


def matches(nominee, wanted) -> bool:
    """Whether every search term is in the nominee's title, short description or organisation (Arabic and
    English analysed as the portal's search does: ``textsearch.analysis``)."""
    if not wanted:
        return True
    text = f"{nominee.title} {nominee.short_description} {nominee.organisation or ''}"
    return set(wanted) <= set(terms(text))


@require_http_methods(["GET", "HEAD", "POST"])
def category(request, code):
    """A category's nominees, searchable (``q``), each with a vote button (POST ``submission``)."""
    found = services.category_of(code)
    if found is None:
        raise Http404
    cycle = services.current_cycle()
    source = request.POST if request.method == "POST" else request.GET
    query = source.get("q", "").strip()[:QUERY_LENGTH]
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        outcome = _vote(request, cycle, found, request.POST.get("submission", ""))
        if isinstance(outcome, str):
            error = outcome
        else:
            url = reverse("prizes:vote_category", args=[code])
            return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    nominees = list(_nominees(cycle).filter(category=found))
    wanted = query_terms(query)
    shown = [nominee for nominee in nominees if matches(nominee, wanted)]
    return render(
        request,
        "prizes/voting/category.html",
        {
            **_state(cycle),
            "category": found,
            "nominees": shown,
            "nominee_count": len(nominees),
            "query": query,
            "choice": _my_choices(request, cycle).get(found.pk),
            "verified": behalf.email_is_verified(request.user),
            "error": error,
        },
        status=400 if error else 200,
    )


def _vote(request, cycle, category, submission_id):
    """Cast the vote and say so (a message, for the redirect), or return the error to show."""
    nominee = None
    if cycle is not None and submission_id.isdecimal():
        nominee = Submission.objects.filter(pk=int(submission_id), cycle=cycle, category=category).first()
    if nominee is None:
        return _("Choose one of the nominees of this category.")
    # The cycle as loaded, with its phases: the services ask it whether voting is open.
    nominee.cycle = cycle
    try:
        _vote_cast, what = voting.cast_vote(request.user, nominee, voting.client_network(request))
    except ValidationError as refused:
        return " ".join(refused.messages)
    texts = {
        voting.CAST: _("Your vote for “%(title)s” has been recorded."),
        voting.CHANGED: _("Your vote in this category now goes to “%(title)s”."),
        voting.UNCHANGED: _("You had already voted for “%(title)s”; your vote is unchanged."),
    }
    messages.success(request, texts[what] % {"title": nominee.title})
    return None


@login_required
@require_http_methods(["GET", "HEAD"])
def my_votes(request):
    """The voter's votes, in every cycle, newest cycle first."""
    votes = (
        voting.votes_of(request.user)
        .select_related("cycle__edition", "category__action_line", "submission")
        .order_by("-cycle__edition__year", "category__position")
    )
    cycle = services.current_cycle()
    return render(
        request,
        "prizes/voting/my_votes.html",
        {**_state(cycle), "votes": votes, "verified": behalf.email_is_verified(request.user)},
    )


@require_http_methods(["GET", "HEAD"])
def policy(request):
    """The published rules of the vote, with the current cycle's numbers."""
    cycle = services.current_cycle()
    return render(
        request,
        "prizes/voting/policy.html",
        {**_state(cycle), "domains": voting.disposable_domains()},
    )
