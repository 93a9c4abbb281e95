"""Every named URL of the portal (its pages, the API, allauth and the admin), and the arguments that name
A's objects in the world: so the owner is the focal point of organisation A, and everybody else must be
refused what is A's."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from .world import CERTIFICATE_CODE, UNPUBLISHED_CERTIFICATE_CODE


def named_patterns(resolver=None, namespace=""):
    """Every URL name of the portal, with its namespace, the admin and allauth included."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from named_patterns(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def admin_object(model):
    """A real row of ``model`` for the admin's object pages (the world creates one of each)."""
    return model._default_manager.order_by("pk").first()


def portal_kwargs(world):
    """URL name → {variant: URL arguments}; the variant names what the arguments point to."""
    o, tokens = world.objects, world.tokens
    slot = o["slot_request"].pk
    return {
        "stocktaking:entry": {
            "published": {"pk": o["entry_published"].pk},
            "draft": {"pk": o["entry_draft"].pk},
        },
        "stocktaking:attachment": {
            "published": {"pk": o["entry_published"].pk},
            "draft": {"pk": o["entry_draft"].pk},
        },
        "stocktaking:mine_detail": {"draft": {"pk": o["entry_draft"].pk}},
        "stocktaking:edit": {"draft": {"pk": o["entry_draft"].pk}},
        "stocktaking:submit": {"draft": {"pk": o["entry_draft"].pk}},
        "stocktaking-entry-detail": {
            "published": {"pk": o["entry_published"].pk},
            "draft": {"pk": o["entry_draft"].pk},
            "revision": {"pk": o["entry_revision"].pk},
        },
        "prizes:confirm": {"token": {"token": tokens["prize_confirmation"]}},
        "prizes:detail": {"draft": {"pk": o["prize_draft"].pk}},
        "prizes:edit": {"draft": {"pk": o["prize_draft"].pk}},
        "prizes:submit": {"draft": {"pk": o["prize_draft"].pk}},
        "prizes:publish_to_stocktaking": {"submitted": {"pk": o["prize_submitted"].pk}},
        "prizes:review_project": {"submitted": {"pk": o["prize_submitted"].pk}},
        "prizes:review_conflict": {"submitted": {"pk": o["prize_submitted"].pk}},
        "prizes:vote_category": {"C3": {"code": "C3"}},
        "prizes:results": {"2026": {"year": 2026}},
        "prizes:verify_code": {
            "champion": {"code": CERTIFICATE_CODE},
            "unpublished": {"code": UNPUBLISHED_CERTIFICATE_CODE},
        },
        "prizes:certificate_pdf": {
            "champion": {"code": CERTIFICATE_CODE, "language": "en"},
            "unpublished": {"code": UNPUBLISHED_CERTIFICATE_CODE, "language": "en"},
        },
        "consultations:timeline_year": {"2026": {"year": 2026}},
        "consultations:consent": {"token": {"token": tokens["consent"]}},
        **{
            f"consultations:{kind}{suffix}": {"draft": {"pk": o[item].pk}}
            for kind, item in (
                ("contribution", "contribution"),
                ("workshop", "workshop"),
                ("nomination", "nomination"),
            )
            for suffix in ("", "_edit", "_submit")
        },
        "forum_events:session": {"policy": {"pk": o["session"].pk}},
        "forum_events:session_ical": {"policy": {"pk": o["session"].pk}},
        "forum_events:invitation": {"token": {"token": tokens["invitation"]}},
        **{
            f"forum_events:invitation_{which}": {
                "token": {"token": tokens["invitation"], "pk": slot},
                # Member State Y's own link, asking for X's file.
                "other_token": {"token": tokens["other_invitation"], "pk": slot},
            }
            for which in ("statement", "photo")
        },
        "forum_events:protocol_office_statement": {"X": {"pk": slot}},
        "forum_events:protocol_office_photo": {"X": {"pk": slot}},
        "reminders:opt_out": {"token": {"token": tokens["opt_out"]}},
        "letters:pdf": {
            "issued": {"pk": o["letter"].pk, "language": "en"},
            "draft": {"pk": o["draft_letter"].pk, "language": "en"},
        },
        "actionline-detail": {"C3": {"code": "C3"}},
        "sustainabledevelopmentgoal-detail": {"4": {"number": 4}},
        "gdcobjective-detail": {"1": {"number": 1}},
        "region-detail": {"africa": {"code": "africa"}},
        "account_confirm_email": {"forged": {"key": "forged-key"}},
        "account_reset_password_from_key": {"forged": {"uidb36": "1", "key": "forged-key"}},
    }


def admin_kwargs(world):
    """Admin URL name → {variant: URL arguments}: each registered ModelAdmin's five pages on a real row,
    and the custom pages of ``get_urls``."""
    found = {}
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        row = admin_object(model)
        object_id = {"object_id": str(row.pk)} if row is not None else None
        found[f"{info}_changelist"] = {"": {}}
        found[f"{info}_add"] = {"": {}}
        for page in ("change", "delete", "history"):
            found[f"{info}_{page}"] = {"row": object_id}
    o = world.objects
    session = o["session"].pk
    found.update(
        {
            "admin:auth_user_password_change": {
                "row": {"id": world.users["focal_point"].pk},
                "staff": {"id": o["other_clerk"].pk},
            },
            "admin:view_on_site": {
                "entry": {
                    "content_type_id": ContentType.objects.get_for_model(o["entry_published"]).pk,
                    "object_id": o["entry_published"].pk,
                }
            },
            "admin:letters_letterbatch_progress": {"row": {"pk": o["letter_batch"].pk}},
            "admin:letters_letterbatch_archive": {"row": {"pk": o["letter_batch"].pk}},
            "admin:letters_letterbatch_copy": {
                "row": {"pk": o["letter_batch"].pk, "copy_pk": o["personal_letter"].pk}
            },
            "admin:letters_letterbatch_retry": {
                "row": {"pk": o["letter_batch"].pk, "copy_pk": o["personal_letter"].pk}
            },
            "admin:letters_circularletter_pdfs": {"row": {"pk": o["letter"].pk}},
            "admin:letters_circularletter_preview": {"row": {"pk": o["draft_letter"].pk, "language": "en"}},
            "admin:letters_circularletter_annex": {"row": {"pk": o["letter"].pk}},
            "admin:stocktaking_entry_review": {"row": {"pk": o["entry_submitted"].pk}},
            "admin:consultations_contribution_synthesis_export": {"counts": {"what": "counts"}},
            "admin:consultations_contribution_review": {"row": {"pk": o["contribution"].pk}},
            "admin:consultations_workshoprequest_review": {"row": {"pk": o["workshop"].pk}},
            "admin:consultations_facilitatornomination_review": {"row": {"pk": o["nomination"].pk}},
            "admin:forum_events_slotrequest_speakers": {"row": {"pk": session}},
            "admin:forum_events_slotrequest_speakers_export": {"csv": {"pk": session, "fmt": "csv"}},
            "admin:forum_events_slotrequest_statements": {"row": {"pk": session}},
            "admin:forum_events_slotrequest_statement": {"row": {"pk": o["slot_request"].pk}},
            "admin:forum_events_slotrequest_photo": {"row": {"pk": o["slot_request"].pk}},
            "admin:app_list": {"prizes": {"app_label": "prizes"}},
        }
    )
    for name in (
        "consultations_contribution_export",
        "consultations_workshoprequest_export",
        "consultations_facilitatornomination_export",
        "prizes_score_export",
        "prizes_submission_export",
        "prizes_vote_counts_export",
    ):
        found[f"admin:{name}"] = {"csv": {"fmt": "csv"}}
    return found


def all_kwargs(world):
    """URL name → {variant: URL arguments} for every named URL; a name without arguments has one
    variant, ``""``, with none."""
    found = {name: {"": {}} for name in named_patterns()}
    found.update(admin_kwargs(world))
    found.update(portal_kwargs(world))
    return found
