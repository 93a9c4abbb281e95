"""The expert review of the WSIS Prizes, fed hostile text while the experts score (10 April 2026): a score
with its comment (and any text for the criteria) and the declaration of a conflict of interest. Never a
5xx; a refused form (400) leaves the database as it was; what is saved is kept as typed. The services
``save_score`` and ``declare_conflict`` take any text the expert's text boxes let through."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prizes import review, services
from prizes.models import ConflictOfInterest, Score
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch
from tests.hostile.strategies import hostile_text, without_nul
from tests.prizes.test_review_fixtures import IN_NOMINATION, SCORES, expert, project, review_cycle

pytestmark = pytest.mark.django_db

MIXED = "\u202bنص\u202c mixed ‏direction‎ text\r\nمع سطر ثانٍ\u200b <script>{{ x }}</script>"


@pytest.fixture
def amina(client, time_machine):
    """An expert of C3, signed in while the experts score the projects entered in the 2026 cycle."""
    time_machine.move_to(IN_NOMINATION, tick=False)
    cycle = review_cycle()
    user = expert(cycle, "C3", email="amina.expert@example.org", full_name="أمينة الخبيرة")
    client.force_login(user)
    return user


criterion = st.one_of(st.integers(0, 10).map(str), hostile_text)


def test_expert_scores_a_project(client, amina):
    library = project(services.current_cycle(), title="Mobile libraries")
    watch = Watch()

    @given(values=st.fixed_dictionaries(dict.fromkeys(SCORES, criterion)), comment=hostile_text)
    @example(values={name: str(value) for name, value in SCORES.items()}, comment=MIXED)
    @example(values={name: str(value) for name, value in SCORES.items()}, comment="\x00")
    @FUZZ
    def posts(values, comment):
        watch.post(
            client,
            f"/ar/prizes/review/{library.pk}/",
            {**values, "comment": comment},
            then=lambda response: scored_as_typed(comment),
        )

    def scored_as_typed(comment):
        assert Score.objects.get(expert=amina, submission=library).comment == comment.strip()

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_expert_declares_a_conflict(client, amina):
    library = project(services.current_cycle(), title="Mobile libraries")
    watch = Watch()

    @given(reason=hostile_text)
    @example(reason=MIXED)
    @example(reason="\x00")
    @FUZZ
    def posts(reason):
        watch.post(
            client,
            f"/ar/prizes/review/{library.pk}/conflict/",
            {"reason": reason},
            then=lambda response: declared_as_typed(reason),
        )

    def declared_as_typed(reason):
        assert ConflictOfInterest.objects.get(expert=amina, submission=library).reason == reason.strip()

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_review_services_take_any_comment_or_reason(amina):
    """Any text the expert's text boxes let through, or refused when it says nothing (a reason)."""
    library = project(services.current_cycle(), title="Mobile libraries")
    watch = Watch()

    @given(text=without_nul)
    @example(text=MIXED)
    @example(text="  ")
    @FUZZ
    def calls(text):
        watch.call(review.save_score, library, amina, "nomination", {**SCORES, "comment": text})
        watch.call(review.declare_conflict, library, amina, text)

    calls()
    watch.expect(ACCEPTED, REFUSED)
