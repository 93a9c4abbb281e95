"""The secretariat's screens for personalised letters: started from an issued letter, followed on a progress
page and its JSON, a failed copy retried alone, copies and ZIP downloaded — each checked on the server."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from tests.factories import SecretariatFactory, UserFactory
from wsis_portal.letters import audiences, services
from wsis_portal.letters.models import LetterBatch, PersonalLetter

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db

BATCHES = "/en/admin/letters/letterbatch/"
Status = PersonalLetter.Status
mended = set()  # recipients whose missing data the secretariat has since recorded


def recipients(letter, by):
    return [
        audiences.Recipient("KE", "Kenya", "en", {}),
        audiences.Recipient("OM", "Oman", "ar", {}),
        audiences.Recipient("CL", "Chile", "en", {}),
    ]


def personalise(key, kept, language):
    if key == "CL" and key not in mended:
        raise audiences.PersonalisationError("No minister's name is recorded for Chile.")
    return {"address": [f"Minister of {key}"], "salutation": "Excellency,", "closing": "", "link": ""}


@pytest.fixture(autouse=True)
def audience():
    mended.clear()
    registered = audiences.register(
        audiences.Audience("states", "Three Member States", recipients, personalise)
    )
    yield registered
    audiences._audiences.pop("states")


@pytest.fixture
def clerk(client):
    user = SecretariatFactory()
    client.force_login(user)
    return user


@pytest.fixture
def letter(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.issue(CircularLetterFactory(), clerk)


@pytest.fixture
def batch(client, clerk, letter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BATCHES}add/", {"letter": letter.pk, "audience": "states"})
    made = LetterBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BATCHES}{made.pk}/change/"
    return made


def test_the_issued_letters_page_links_to_its_pdfs_and_to_personalising_it(client, clerk, letter):
    page = client.get(f"/en/admin/letters/circularletter/{letter.pk}/change/").content.decode()
    assert (
        f'href="/en/letters/{letter.pk}/ar.pdf"' in page and f'href="/en/letters/{letter.pk}/en.pdf"' in page
    )
    assert f'href="{BATCHES}add/?letter={letter.pk}"' in page
    assert 'data-finished="true"' in page
    status = client.get(f"/en/admin/letters/circularletter/{letter.pk}/pdfs.json").json()
    assert status == {"finished": True, "message": "Arabic: Ready; English: Ready"}


def test_the_start_form_offers_issued_letters_only_with_a_translated_error(client, clerk, letter):
    draft = CircularLetterFactory()
    form = client.get(f"{BATCHES}add/?letter={letter.pk}").context["form"]
    assert list(form.fields["letter"].queryset) == [letter]
    assert form.fields["audience"].initial is None  # two audiences: the ministers and the test's
    response = client.post("/ar/admin/letters/letterbatch/add/", {"letter": draft.pk, "audience": "states"})
    assert response.status_code == 200
    with translation.override("ar"):
        assert response.context["form"].errors["letter"] == [
            "لا يمكن تخصيص إلا رسالة صادرة: اختر رسالة من القائمة."
        ]
    assert not LetterBatch.objects.exists()


def test_the_progress_page_counts_the_copies_and_keeps_a_failure_with_its_reason(client, batch):
    page = client.get(f"{BATCHES}{batch.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "3 of 3 letters made; 1 failed; finished; the ZIP is ready." in html
    assert "No minister&#x27;s name is recorded for Chile." in html
    assert f'action="{BATCHES}{batch.pk}/copies/' in html  # the retry button
    status = client.get(f"{BATCHES}{batch.pk}/progress.json").json()
    assert (status["total"], status["done"], status["failed"], status["finished"]) == (3, 2, 1, True)
    listing = client.get(BATCHES).content.decode()
    assert "2 / 3" in listing


def test_the_zip_and_each_copy_download(client, batch):
    response = client.get(f"{BATCHES}{batch.pk}/archive/")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert sorted(name.rsplit("-", 2)[-2] for name in archive.namelist()) == ["KE", "OM"]
    copy = batch.copies.get(recipient_key="OM")
    pdf = client.get(f"{BATCHES}{batch.pk}/copies/{copy.pk}/")
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    failed = batch.copies.get(recipient_key="CL")
    assert client.get(f"{BATCHES}{batch.pk}/copies/{failed.pk}/").status_code == 404


def test_a_failed_copy_is_retried_alone_and_the_zip_built_again(
    client, batch, django_capture_on_commit_callbacks
):
    failed = batch.copies.get(recipient_key="CL")
    rendered = {copy.pk: copy.finished_at for copy in batch.copies.filter(status=Status.DONE)}
    mended.add("CL")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BATCHES}{batch.pk}/copies/{failed.pk}/retry/", follow=True)
    assert "The letter for Chile is being made again." in response.content.decode()
    assert dict(batch.copies.filter(pk__in=rendered).values_list("pk", "finished_at")) == rendered
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.DONE, 2)
    batch.refresh_from_db()
    with zipfile.ZipFile(batch.archive.open("rb")) as archive:
        assert len(archive.namelist()) == 3
    again = client.post(f"{BATCHES}{batch.pk}/copies/{failed.pk}/retry/", follow=True)
    assert "had not failed: nothing was retried" in again.content.decode()


def test_starting_again_shows_the_same_batch(client, batch, letter):
    response = client.post(f"{BATCHES}add/", {"letter": letter.pk, "audience": "states"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{BATCHES}{batch.pk}/change/"
    assert "already personalised" in response.content.decode()
    assert LetterBatch.objects.count() == 1


def test_who_may_look_cannot_retry_and_others_cannot_even_look(client, batch):
    failed = batch.copies.get(recipient_key="CL")
    urls = [
        f"{BATCHES}{batch.pk}/change/",
        f"{BATCHES}{batch.pk}/progress.json",
        f"{BATCHES}{batch.pk}/archive/",
        f"{BATCHES}{batch.pk}/copies/{batch.copies.get(recipient_key='KE').pk}/",
    ]
    stranger = UserFactory(is_staff=True)  # staff without any permission on letters
    client.force_login(stranger)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403, 403]
    assert client.get(f"{BATCHES}add/").status_code == 403
    assert client.post(f"{BATCHES}{batch.pk}/copies/{failed.pk}/retry/").status_code == 403

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_letterbatch"))
    client.force_login(viewer)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]
    assert "Retry" not in client.get(urls[0]).content.decode()
    assert client.post(f"{BATCHES}{batch.pk}/copies/{failed.pk}/retry/").status_code == 403
    failed.refresh_from_db()
    assert failed.status == Status.FAILED

    client.logout()
    assert client.get(urls[1]).status_code == 302  # to the sign-in page
