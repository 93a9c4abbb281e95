"""The public pages of the results: the cycle's nominees, champions and winners as published, in a fixed
number of queries; the verification of a certificate by its code, genuine or not; its PDFs."""

import pytest

from prizes import results
from prizes.models import Certificate
from tests.factories import SecretariatFactory, UserFactory

from . import test_results as shared
from .test_results import ARABIC_ORGANISATION, ARABIC_TITLE, project, publish

# The fixtures of the results' services set the scene of these pages too.
in_july, cycle, projects = shared.in_july, shared.cycle, shared.projects

pytestmark = pytest.mark.usefixtures("eager_celery")
URL = "/en/prizes/2026/results/"


@pytest.fixture
def issued(cycle, projects, django_capture_on_commit_callbacks):
    """Everything published, the certificates issued and rendered."""
    publish(cycle, "nominees", "champions", "winners")
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    return list(Certificate.objects.all())


def winner_certificate(projects):
    return Certificate.objects.get(submission=projects["winner"], kind="winner")


# The results page


def test_a_year_without_a_cycle_has_no_results_page(client, db):
    assert client.get("/en/prizes/1999/results/").status_code == 404


def test_before_publication_the_page_says_so_and_names_no_project(client, cycle, projects):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The nominees of this cycle have not been published yet." in page
    for submission in projects.values():
        assert submission.title not in page


def test_after_the_nominees_no_stage_beyond_nominee_is_revealed(client, cycle, projects):
    publish(cycle, "nominees")
    page = client.get(URL).content.decode()
    assert ARABIC_TITLE in page and "Village radio archives" in page
    assert ">Winner<" not in page and ">Champions<" not in page
    assert "Not chosen" not in page and "Unconfirmed" not in page
    assert "/prizes/verify/" in page  # the verification form only: no certificate yet
    assert ".pdf" not in page
    assert "the public online voting decides the champions of each category" in page


def test_after_the_champions_the_winner_is_shown_among_them_with_a_champion_certificate_only(
    client, cycle, projects, django_capture_on_commit_callbacks
):
    publish(cycle, "nominees", "champions")
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    page = client.get(URL).content.decode()
    assert "The champions are the nominees with the most valid votes" in page
    assert ">Winner<" not in page and "WSIS Prizes Winner" not in page
    champions = page[page.index(">Champions<") : page.index(">Nominees<")]
    assert ARABIC_TITLE in champions and "Solar schools online" in champions
    assert page.count("Certificate (WSIS Prizes Champion):") == 3


def test_the_winners_page_shows_each_category_with_winner_champions_nominees_and_certificates(
    client, cycle, projects, issued
):
    response = client.get(URL)
    page = response.content.decode()
    c2 = page[
        page.index("Information and communication infrastructure") : page.index("Access to information")
    ]
    assert c2.index(">Winner<") < c2.index(ARABIC_TITLE) < c2.index(">Champions<")
    assert c2.index(">Champions<") < c2.index("Solar schools online") < c2.index(">Nominees<")
    assert c2.index(">Nominees<") < c2.index("Village radio archives")
    assert f'<h4 id="project-{projects["winner"].pk}" lang="ar" dir="auto">{ARABIC_TITLE}</h4>' in page
    assert ARABIC_ORGANISATION in page
    assert "Buses bring computers and broadband to remote villages." in page
    code = winner_certificate(projects).code
    assert f'href="/en/prizes/verify/{code}/ar.pdf"' in page
    assert f'href="/en/prizes/verify/{code}/en.pdf"' in page
    assert f'href="/en/prizes/verify/{code}/"' in page
    assert page.count(".pdf") == 2 * Certificate.objects.count() == 8


def test_the_arabic_page_names_the_categories_in_arabic(client, cycle, projects, issued):
    page = client.get("/ar/prizes/2026/results/").content.decode()
    assert "البنية التحتية للمعلومات والاتصالات" in page
    assert f'href="/ar/prizes/verify/{winner_certificate(projects).code}/ar.pdf"' in page


@pytest.mark.parametrize(("champions", "queries"), [(1, 3), (3, 3)])
def test_the_results_page_runs_a_fixed_number_of_queries(
    client, cycle, django_assert_num_queries, django_capture_on_commit_callbacks, champions, queries
):
    for number in range(champions):
        project(cycle, "champion", "C7.4", title=f"Telemedicine {number}")
    project(cycle, "winner", "C7.4", title="Remote diagnosis")
    publish(cycle, "nominees", "champions", "winners")
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    with django_assert_num_queries(queries):
        response = client.get(URL)
    assert response.content.decode().count(".pdf") == 2 * (2 * 1 + champions)


def test_the_cycle_page_links_the_results_once_published(client, cycle, projects, settings):
    assert "/prizes/2026/results/" not in client.get("/en/prizes/").content.decode()
    publish(cycle, "nominees")
    page = client.get("/en/prizes/").content.decode()
    assert 'href="/en/prizes/2026/results/"' in page
    assert 'href="/en/prizes/verify/"' in page


# Verification


def test_the_verification_form_is_public(client, db):
    response = client.get("/ar/prizes/verify/")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_a_typed_code_leads_to_its_page_however_it_was_typed(client, cycle, projects, issued):
    code = winner_certificate(projects).code
    response = client.get("/en/prizes/verify/", {"code": f"  {code.lower().replace('-', ' ')} "})
    assert (response.status_code, response["Location"]) == (302, f"/en/prizes/verify/{code}/")
    response = client.get(f"/en/prizes/verify/{code.replace('-', '').lower()}/")
    assert (response.status_code, response["Location"]) == (302, f"/en/prizes/verify/{code}/")


def test_a_blank_code_is_asked_again(client, db):
    response = client.get("/en/prizes/verify/", {"code": "  "})
    assert response.status_code == 400
    assert "Type the verification code printed on the certificate." in response.content.decode()


def test_a_genuine_certificate_says_what_it_certifies(client, cycle, projects, issued):
    certificate = winner_certificate(projects)
    response = client.get(f"/en/prizes/verify/{certificate.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "This certificate is genuine",
        "WSIS Prizes Winner",
        f'<dd lang="ar" dir="auto">{ARABIC_TITLE}</dd>',
        f'<dd dir="auto">{ARABIC_ORGANISATION}</dd>',
        "WSIS Prizes 2026",
        "<bdi>C2</bdi> Information and communication infrastructure",
        "<bdi>8 July 2026</bdi>",
        f'href="/en/prizes/verify/{certificate.code}/ar.pdf"',
    ):
        assert expected in page


@pytest.mark.parametrize("typed", ["0000-0000-0000", "NOT-A-CODE", "7KQ2-M9XD-4HTU"])
def test_a_code_never_issued_is_not_genuine(client, cycle, projects, issued, typed):
    response = client.get("/en/prizes/verify/", {"code": typed}, follow=True)
    assert response.status_code == 404
    page = response.content.decode()
    assert "No WSIS Prizes certificate has the code <bdi>" in page
    assert "is not genuine" in page
    assert 'name="code"' in page


def test_a_certificate_of_an_unpublished_stage_is_not_genuine_yet(client, cycle, projects):
    publish(cycle, "nominees", "champions")
    certificate = Certificate.objects.create(
        submission=projects["winner"], kind="winner", code="WWWW-WWWW-WWWW"
    )
    assert client.get(f"/en/prizes/verify/{certificate.code}/").status_code == 404
    assert client.get(f"/en/prizes/verify/{certificate.code}/en.pdf").status_code == 404


def test_the_pdfs_are_served_from_the_verification_page(client, cycle, projects, issued):
    code = winner_certificate(projects).code
    response = client.get(f"/ar/prizes/verify/{code}/ar.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert f'filename="WSIS-Prizes-2026-winner-{code}-ar.pdf"' in response["Content-Disposition"]
    assert client.get(f"/ar/prizes/verify/{code}/fr.pdf").status_code == 404


def test_a_pdf_not_rendered_yet_is_not_served(client, cycle, projects):
    publish(cycle, "nominees", "champions")
    results.issue_certificates(cycle)  # its rendering waits for the commit
    certificate = Certificate.objects.get(submission=projects["champion"])
    assert client.get(f"/en/prizes/verify/{certificate.code}/en.pdf").status_code == 404
    assert "Being prepared" in client.get(f"/en/prizes/verify/{certificate.code}/").content.decode()


# The secretariat's screen


def test_the_secretariat_lists_the_certificates_and_has_them_rendered_again(
    client, cycle, projects, issued, django_capture_on_commit_callbacks
):
    client.force_login(SecretariatFactory())
    page = client.get("/en/admin/prizes/certificate/").content.decode()
    assert winner_certificate(projects).code in page
    selected = list(Certificate.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/admin/prizes/certificate/",
            {"action": "render_certificates_again", "_selected_action": selected},
        )
    assert response.status_code == 302
    assert set(Certificate.objects.values_list("status", "attempts", "error")) == {("done", 1, "")}
    assert "4 certificates will be rendered again." in client.get(response["Location"]).content.decode()


def test_staff_without_the_secretariat_role_cannot_see_the_certificates(client, cycle, projects, issued):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/en/admin/prizes/certificate/").status_code == 403
