"""A circular letter's annex is kept in private storage (never under MEDIA_ROOT, which the web server may
serve) and reaches staff only through the admin's download, which checks the permission to view letters."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import SecretariatFactory, UserFactory
from tests.uploads.files import PDF
from wsis_portal import settings as portal_settings
from wsis_portal.letters import services
from wsis_portal.letters.models import CircularLetter

from .factories import CircularLetterFactory
from .test_admin import LETTERS, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter():
    return CircularLetterFactory(annex=ContentFile(PDF, name="programme.pdf"))


def annex_url(letter):
    return f"{LETTERS}{letter.pk}/annex/"


def signed_in(client, user):
    client.force_login(user)
    return client


def test_an_uploaded_annex_is_kept_in_private_storage_outside_media_root(client):
    signed_in(client, SecretariatFactory())
    response = client.post(f"{LETTERS}add/", form_data(annex=SimpleUploadedFile("programme.pdf", PDF)))
    assert response.status_code == 302
    name = CircularLetter.objects.get().annex.name
    assert name.startswith("letters/annexes/") and name.endswith(".pdf")
    assert (storages["private"].exists(name), storages["default"].exists(name)) == (True, False)
    private = Path(portal_settings.STORAGES["private"]["OPTIONS"]["location"])
    assert not private.resolve().is_relative_to(Path(portal_settings.MEDIA_ROOT).resolve())


def test_anonymous_visitor_is_sent_to_the_admin_sign_in(client, letter):
    response = client.get(annex_url(letter))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/?next=")


def test_account_without_staff_status_is_sent_to_the_admin_sign_in(client, letter):
    response = signed_in(client, UserFactory()).get(annex_url(letter))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/?next=")


def test_staff_without_the_permission_to_view_letters_is_refused(client, letter):
    assert signed_in(client, UserFactory(is_staff=True)).get(annex_url(letter)).status_code == 403


def test_staff_who_may_view_letters_download_the_annex_as_an_attachment(client, letter):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_circularletter"))
    response = signed_in(client, viewer).get(annex_url(letter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CL-26-001-annex.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_a_letter_without_annex_has_none_to_download(client):
    signed_in(client, SecretariatFactory())
    assert client.get(annex_url(CircularLetterFactory())).status_code == 404


def test_the_change_form_links_the_annex_to_its_download(client, letter):
    html = signed_in(client, SecretariatFactory()).get(f"{LETTERS}{letter.pk}/change/").content.decode()
    assert f'<a href="{annex_url(letter)}">{letter.annex.name}</a>' in html
    assert "/media/" not in html


def test_an_issued_letter_read_only_links_the_annex_to_its_download(client, letter):
    clerk = SecretariatFactory()
    services.issue(letter, clerk)
    html = signed_in(client, clerk).get(f"{LETTERS}{letter.pk}/change/").content.decode()
    assert f'<a href="{annex_url(letter)}">{letter.annex.name}</a>' in html
    assert "/media/" not in html


def test_a_corrigendum_serves_the_annex_of_the_letter_it_corrects(client, letter):
    clerk = SecretariatFactory()
    services.issue(letter, clerk)
    copy = services.corrigendum(letter, clerk)
    response = signed_in(client, clerk).get(annex_url(copy))
    assert (copy.annex.name, b"".join(response.streaming_content)) == (letter.annex.name, PDF)
