"""Permissions are checked on the server: every URL of the portal is classified here, and an anonymous
visitor gets exactly what its class says. A URL added without its line here fails the first test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# name: (URL arguments, what an anonymous GET gets)
PUBLIC, SIGN_IN, MISSING, POST_ONLY = "public", "sign-in", "missing", "post-only"
ACCESS = {
    "home": ({}, PUBLIC),
    "healthz": ({}, PUBLIC),
    "set_language": ({}, POST_ONLY),
    "dashboard:participation": ({}, SIGN_IN),
    "stakeholders:profile": ({}, SIGN_IN),
    "stakeholders:organisations": ({}, SIGN_IN),
    "stakeholders:resend_verification": ({}, SIGN_IN),
    "stocktaking:search": ({}, PUBLIC),
    "stocktaking:statistics": ({}, PUBLIC),
    "stocktaking:export_csv": ({}, PUBLIC),
    "stocktaking:export_json": ({}, PUBLIC),
    "stocktaking:entry": ({"pk": 987654}, MISSING),
    "stocktaking:attachment": ({"pk": 987654}, MISSING),
    "stocktaking:mine": ({}, SIGN_IN),
    "stocktaking:new": ({}, SIGN_IN),
    "stocktaking:mine_detail": ({"pk": 1}, SIGN_IN),
    "stocktaking:edit": ({"pk": 1}, SIGN_IN),
    "stocktaking:submit": ({"pk": 1}, SIGN_IN),
    "prizes:cycle": ({}, PUBLIC),
    "prizes:confirm": ({"token": "not-a-signed-token"}, MISSING),
    "prizes:mine": ({}, SIGN_IN),
    "prizes:new": ({}, SIGN_IN),
    "prizes:nominate": ({}, SIGN_IN),
    "prizes:detail": ({"pk": 1}, SIGN_IN),
    "prizes:edit": ({"pk": 1}, SIGN_IN),
    "prizes:submit": ({"pk": 1}, SIGN_IN),
    "prizes:review": ({}, SIGN_IN),
    "prizes:review_project": ({"pk": 1}, SIGN_IN),
    "prizes:review_conflict": ({"pk": 1}, SIGN_IN),
    "prizes:voting": ({}, PUBLIC),
    "prizes:vote_category": ({"code": "C99"}, MISSING),
    "prizes:my_votes": ({}, SIGN_IN),
    "prizes:voting_policy": ({}, PUBLIC),
    "prizes:results": ({"year": 1999}, MISSING),
    "prizes:verify": ({}, PUBLIC),
    "prizes:verify_code": ({"code": "0000-0000-0000"}, MISSING),
    "prizes:certificate_pdf": ({"code": "0000-0000-0000", "language": "ar"}, MISSING),
    "prizes:publish_to_stocktaking": ({"pk": 1}, SIGN_IN),
    "consultations:timeline": ({}, PUBLIC),
    "consultations:timeline_year": ({"year": 1999}, MISSING),
    "consultations:consent": ({"token": "not-a-signed-token"}, MISSING),
    "consultations:contribution_new": ({}, SIGN_IN),
    "consultations:contribution": ({"pk": 1}, SIGN_IN),
    "consultations:contribution_edit": ({"pk": 1}, SIGN_IN),
    "consultations:contribution_submit": ({"pk": 1}, SIGN_IN),
    "consultations:workshop_new": ({}, SIGN_IN),
    "consultations:workshop": ({"pk": 1}, SIGN_IN),
    "consultations:workshop_edit": ({"pk": 1}, SIGN_IN),
    "consultations:workshop_submit": ({"pk": 1}, SIGN_IN),
    "consultations:nomination_new": ({}, SIGN_IN),
    "consultations:nomination": ({"pk": 1}, SIGN_IN),
    "consultations:nomination_edit": ({"pk": 1}, SIGN_IN),
    "consultations:nomination_submit": ({"pk": 1}, SIGN_IN),
    "forum_events:agenda": ({}, PUBLIC),
    "forum_events:session": ({"pk": 987654}, MISSING),
    "forum_events:agenda_ical": ({}, PUBLIC),
    "forum_events:changes": ({}, PUBLIC),
    "forum_events:session_ical": ({"pk": 987654}, MISSING),
    "forum_events:invitation": ({"token": "forged-token"}, MISSING),
    "forum_events:invitation_statement": ({"token": "forged-token", "pk": 1}, MISSING),
    "forum_events:invitation_photo": ({"token": "forged-token", "pk": 1}, MISSING),
    "forum_events:protocol_office": ({}, SIGN_IN),
    "forum_events:protocol_office_statement": ({"pk": 1}, SIGN_IN),
    "forum_events:protocol_office_photo": ({"pk": 1}, SIGN_IN),
    "reminders:opt_out": ({"token": "not-a-signed-token"}, MISSING),
    "letters:list": ({}, PUBLIC),
    "letters:pdf": ({"pk": 987654, "language": "ar"}, MISSING),
    "api-schema": ({}, PUBLIC),
    "api-docs": ({}, PUBLIC),
    "actionline-list": ({}, PUBLIC),
    "actionline-detail": ({"code": "C99"}, MISSING),
    "sustainabledevelopmentgoal-list": ({}, PUBLIC),
    "sustainabledevelopmentgoal-detail": ({"number": 99}, MISSING),
    "gdcobjective-list": ({}, PUBLIC),
    "gdcobjective-detail": ({"number": 99}, MISSING),
    "region-list": ({}, PUBLIC),
    "region-detail": ({"code": "atlantis"}, MISSING),
    "stocktaking-entry-list": ({}, PUBLIC),
    "stocktaking-entry-detail": ({"pk": 987654}, MISSING),
    "forum-session-list": ({}, PUBLIC),
}


def named_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_name, "__name__", "")
            if pattern.namespace == "admin" or module.startswith("allauth"):
                continue  # allauth and the admin check access themselves; their own tests cover them
            yield from named_patterns(pattern, f"{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_of_the_portal_is_classified_here():
    assert sorted(set(named_patterns())) == sorted(ACCESS)


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_anonymous_visitor_gets_what_the_url_class_says(client, db, name):
    kwargs, expected = ACCESS[name]
    response = client.get(reverse(name, kwargs=kwargs))
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")
    elif expected == PUBLIC:
        assert response.status_code == 200
    elif expected == MISSING:
        assert response.status_code == 404
    else:
        assert response.status_code == 405
