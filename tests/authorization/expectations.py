"""What each role gets for a GET of each URL of the portal, as a compact table: a class per URL (its
default answer for each role) and the exceptions. A URL added without its line here fails the matrix.

Outcomes: ``200``; ``SIGN_IN`` (302 to allauth's sign-in page); ``ADMIN_SIGN_IN`` (302 to the admin's
sign-in, which sends non-staff accounts a 403); ``403``; ``404`` (where a 404 hides that the object exists);
``405`` (POST only); ``302`` (any other redirect, e.g. "already signed in").

The unverified account cannot sign in (allauth's mandatory verification); the matrix gives it a session
anyway (as an account whose address was un-verified after signing in): it sees only what any signed-in
account sees, owns nothing, creates nothing (its "new" pages say why and offer to send the mail again),
and ``prizes.voting`` refuses its vote (see the POST tests).
"""

from wsis_portal.stakeholders.roles import SECRETARIAT_PERMISSIONS

from .world import ROLES

OK, SIGN_IN, ADMIN_SIGN_IN, FORBIDDEN, MISSING, POST_ONLY, REDIRECT = (
    "200",
    "sign-in",
    "admin-sign-in",
    "403",
    "404",
    "405",
    "302",
)
SIGNED_IN = ROLES[1:]


def each(outcome, **overrides):
    """Every role gets ``outcome`` except those named."""
    return {**dict.fromkeys(ROLES, outcome), **overrides}


PUBLIC = each(OK)
HIDDEN = each(MISSING)
ACCOUNT = each(OK, anonymous=SIGN_IN)
# Another user's or organisation's object answers as one that does not exist: the id tells nothing.
A_ONLY = each(MISSING, anonymous=SIGN_IN, focal_point=OK)
# Creating: an account whose address is not confirmed is told why; forms that file only for an
# organisation are for its confirmed focal points (A's and B's), the others are told how to become one.
CREATE = each(OK, anonymous=SIGN_IN, unverified=FORBIDDEN)
CREATE_FOR_ORGANISATION = each(FORBIDDEN, anonymous=SIGN_IN, focal_point=OK, other_focal_point=OK)
SIGNED_POST = each(POST_ONLY, anonymous=SIGN_IN)
EXPERT_ONLY = each(FORBIDDEN, anonymous=SIGN_IN, expert=OK)
ALREADY_IN = each(REDIRECT, anonymous=OK)

PORTAL = {
    "home": PUBLIC,
    "healthz": PUBLIC,
    "set_language": each(POST_ONLY),
    "dashboard:participation": ACCOUNT,
    "stakeholders:profile": ACCOUNT,
    "stakeholders:organisations": ACCOUNT,
    "stakeholders:resend_verification": SIGNED_POST,
    "stocktaking:search": PUBLIC,
    "stocktaking:statistics": PUBLIC,
    "stocktaking:export_csv": PUBLIC,
    "stocktaking:export_json": PUBLIC,
    "stocktaking:entry[published]": PUBLIC,
    "stocktaking:entry[draft]": HIDDEN,
    "stocktaking:attachment[published]": PUBLIC,
    # A's editors and the reviewers read a draft's file; nobody else, signed in or not.
    "stocktaking:attachment[draft]": each(MISSING, focal_point=OK, secretariat=OK),
    "stocktaking:mine": ACCOUNT,
    "stocktaking:new": CREATE_FOR_ORGANISATION,
    "stocktaking:mine_detail": A_ONLY,
    "stocktaking:edit": A_ONLY,
    "stocktaking:submit": SIGNED_POST,
    "stocktaking-entry-list": PUBLIC,
    "stocktaking-entry-detail[published]": PUBLIC,
    "stocktaking-entry-detail[draft]": HIDDEN,
    "stocktaking-entry-detail[revision]": HIDDEN,
    "prizes:cycle": PUBLIC,
    "prizes:confirm": PUBLIC,  # the secret link is the proof
    "prizes:mine": ACCOUNT,
    "prizes:new": CREATE_FOR_ORGANISATION,
    "prizes:nominate": CREATE,
    "prizes:detail": A_ONLY,
    "prizes:edit": A_ONLY,
    "prizes:submit": SIGNED_POST,
    "prizes:publish_to_stocktaking": {**A_ONLY, "focal_point": REDIRECT},  # a GET leads to the project
    "prizes:review": EXPERT_ONLY,
    "prizes:review_project": EXPERT_ONLY,
    "prizes:review_conflict": EXPERT_ONLY,
    "prizes:voting": PUBLIC,
    "prizes:vote_category": PUBLIC,
    "prizes:my_votes": ACCOUNT,
    "prizes:voting_policy": PUBLIC,
    "prizes:results": PUBLIC,
    "prizes:verify": PUBLIC,
    "prizes:verify_code[champion]": PUBLIC,
    "prizes:verify_code[unpublished]": HIDDEN,
    "prizes:certificate_pdf[champion]": PUBLIC,
    "prizes:certificate_pdf[unpublished]": HIDDEN,
    "consultations:timeline": PUBLIC,
    "consultations:timeline_year": PUBLIC,
    "consultations:consent": PUBLIC,  # the signed link is the proof
    **{
        f"consultations:{kind}{suffix}": expected
        for kind in ("contribution", "workshop", "nomination")
        for suffix, expected in (("_new", CREATE), ("", A_ONLY), ("_edit", A_ONLY), ("_submit", SIGNED_POST))
    },
    "forum_events:agenda": PUBLIC,
    "forum_events:agenda_ical": PUBLIC,
    "forum_events:changes": PUBLIC,
    "forum_events:session": PUBLIC,
    "forum_events:session_ical": PUBLIC,
    "forum-session-list": PUBLIC,
    # The secret link is the proof, whoever holds it.
    "forum_events:invitation": PUBLIC,
    "forum_events:invitation_statement[token]": PUBLIC,
    "forum_events:invitation_photo[token]": PUBLIC,
    "forum_events:invitation_statement[other_token]": HIDDEN,
    "forum_events:invitation_photo[other_token]": HIDDEN,
    # Member State Y's office sees that Y is not invited; accounts of no Member State are refused.
    "forum_events:protocol_office": each(
        FORBIDDEN, anonymous=SIGN_IN, protocol_office=OK, other_protocol_office=OK
    ),
    "forum_events:protocol_office_statement": each(
        FORBIDDEN, anonymous=SIGN_IN, protocol_office=OK, other_protocol_office=MISSING
    ),
    "forum_events:protocol_office_photo": each(
        FORBIDDEN, anonymous=SIGN_IN, protocol_office=OK, other_protocol_office=MISSING
    ),
    "reminders:opt_out": PUBLIC,
    "letters:list": PUBLIC,
    "letters:pdf[issued]": PUBLIC,
    "letters:pdf[draft]": HIDDEN,
    "api-schema": PUBLIC,
    "api-docs": PUBLIC,
    **{
        f"{name}-{view}": PUBLIC
        for name in ("actionline", "sustainabledevelopmentgoal", "gdcobjective", "region")
        for view in ("list", "detail")
    },
    # allauth
    "account_login": ALREADY_IN,
    "account_signup": ALREADY_IN,
    "account_logout": each(OK, anonymous=REDIRECT),
    "account_confirm_login_code": each(REDIRECT, anonymous=SIGN_IN),
    "account_change_password": ACCOUNT,
    "account_set_password": each(REDIRECT, anonymous=SIGN_IN),  # the accounts have a password
    "account_email": ACCOUNT,
    "account_reauthenticate": ACCOUNT,
    "account_confirm_email": PUBLIC,  # the page says the key is invalid
    "account_email_verification_sent": PUBLIC,
    "account_inactive": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,  # the page says the link is invalid
    "account_reset_password_from_key_done": PUBLIC,
}

# The admin: only staff get past its sign-in; what the secretariat gets follows its permissions in
# ``roles.py`` (view or change: the list, the page and the history; add; delete), with the exceptions below.
STAFF_ONLY = each(ADMIN_SIGN_IN)


def _permitted(app_label, model, page):
    actions = SECRETARIAT_PERMISSIONS.get(app_label, {}).get(model, ())
    if page in ("changelist", "change", "history"):
        return bool(actions)
    return page in actions


def admin_expectation(name):
    """The expected answers for an admin URL: from the exceptions, else from the permissions."""
    if name in ADMIN:
        return ADMIN[name]
    app_model, page = name.removeprefix("admin:").rsplit("_", 1)
    if page not in ("changelist", "add", "change", "delete", "history"):
        raise KeyError(name)
    for app_label in SECRETARIAT_PERMISSIONS | {"auth": {}, "account": {}}:
        if app_model.startswith(f"{app_label}_"):
            model = app_model.removeprefix(f"{app_label}_")
            return {**STAFF_ONLY, "secretariat": OK if _permitted(app_label, model, page) else FORBIDDEN}
    raise KeyError(name)


def staff(outcome):
    return {**STAFF_ONLY, "secretariat": outcome}


ADMIN = {
    "admin:index": staff(OK),
    "admin:app_list": staff(OK),
    "admin:jsi18n": staff(OK),
    "admin:autocomplete": staff(FORBIDDEN),  # without a field to complete
    "admin:password_change": staff(OK),
    "admin:password_change_done": staff(OK),
    "admin:login": each(FORBIDDEN, anonymous=SIGN_IN, secretariat=REDIRECT),
    "admin:logout": each(REDIRECT, secretariat=POST_ONLY),
    "admin:view_on_site": staff(REDIRECT),
    # A stakeholder's password; staff accounts are an administrator's business.
    "admin:auth_user_password_change[row]": staff(OK),
    "admin:auth_user_password_change[staff]": staff(FORBIDDEN),
    # Legacy entries come in through "import", never "add"; a letter batch is changed by its copies' work.
    "admin:stocktaking_entry_add": staff(FORBIDDEN),
    "admin:stocktaking_entry_import": staff(OK),
    "admin:stocktaking_entry_review": staff(REDIRECT),  # a GET leads to the entry's page
    "admin:letters_letterbatch_progress": staff(OK),
    "admin:letters_letterbatch_archive": staff(MISSING),  # not made yet
    "admin:letters_letterbatch_copy": staff(MISSING),  # not rendered yet
    "admin:letters_letterbatch_retry": staff(POST_ONLY),
    "admin:letters_circularletter_pdfs": staff(OK),
    "admin:letters_circularletter_preview": staff(OK),  # a draft's PDF, rendered for the secretariat
    "admin:letters_circularletter_annex": staff(OK),
    "admin:letters_circularletter_delete": staff(FORBIDDEN),  # an issued letter is frozen
    # The agenda and its changes are read by whoever may change sessions; invitations are issued by "invite".
    **{
        f"admin:forum_events_{model}_{page}": staff(OK)
        for model in ("agenda", "sessionchange")
        for page in ("changelist", "change", "history")
    },
    "admin:forum_events_invitation_add": staff(FORBIDDEN),
    "admin:consultations_contribution_synthesis": staff(OK),
    "admin:reminders_reminderrule_scheduled": staff(OK),
    "admin:reminders_reminderrule_send_due": staff(POST_ONLY),
    "admin:consultations_contribution_synthesis_export": staff(OK),
    **{
        f"admin:consultations_{model}_{page}": staff(outcome)
        for model in ("contribution", "workshoprequest", "facilitatornomination")
        for page, outcome in (("export", OK), ("review", REDIRECT))
    },
    "admin:forum_events_invitation_invite": staff(OK),
    "admin:forum_events_slotrequest_speakers": staff(OK),
    "admin:forum_events_slotrequest_speakers_export": staff(OK),
    "admin:forum_events_slotrequest_statements": staff(OK),
    "admin:forum_events_slotrequest_statement": staff(OK),
    "admin:forum_events_slotrequest_photo": staff(OK),
    "admin:prizes_score_export": staff(OK),
    "admin:prizes_score_overview": staff(OK),
    "admin:prizes_score_ranking": staff(OK),
    "admin:prizes_score_publish": staff(POST_ONLY),
    "admin:prizes_submission_export": staff(OK),
    "admin:prizes_vote_counts": staff(OK),
    "admin:prizes_vote_counts_export": staff(OK),
}


def expected(name, variant):
    """What each role gets for ``name`` (``variant`` of its arguments); KeyError when it has no line."""
    if name.startswith("admin:"):
        if f"{name}[{variant}]" in ADMIN:
            return ADMIN[f"{name}[{variant}]"]
        return admin_expectation(name)
    key = f"{name}[{variant}]" if f"{name}[{variant}]" in PORTAL else name
    return PORTAL[key]
