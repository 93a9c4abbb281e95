"""Votes cast with an account get the voter key (and e-mail domain) of the account's address as addresses are
now normalised (``wsis_portal.stakeholders.emails``): an address typed with its domain in punycode, or with
a quoted local part, had a key of its own. A vote whose account was deleted keeps its key: only the
address would tell its new one, and it is not kept.

Where votes of one category then reach one mailbox, the first cast counts: the others are excluded, as the
secretariat would exclude them (the reason below, in the audit log too), unless the cycle's champions are
published, when votes are final. Every vote keeps a key of its own in its category (the unique constraint):
a key another vote holds is not taken from it, and the vote that wanted it keeps its former key."""

from django.db import migrations
from django.utils import timezone

REASON = "A second vote from one mailbox in this category (found when e-mail addresses were normalised)."


def recompute(apps, schema_editor):
    from prizes.voting import email_domain, voter_key

    Vote = apps.get_model("prizes", "Vote")
    # Plain rows, not models: a cycle may have a million votes. One key per address (an account votes in
    # up to 18 categories).
    votes = list(
        Vote.objects.order_by("pk")
        .values_list(
            "pk",
            "cycle_id",
            "category_id",
            "voter_key",
            "voter__email",
            "email_domain",
            "excluded_at",
            "cycle__champions_published_at",
        )
        .iterator(chunk_size=10_000)
    )
    keys = {email: voter_key(email) for email in {row[4] for row in votes if row[4] is not None}}
    current = {pk: key for pk, _c, _g, key, *_rest in votes}
    wanted = {pk: key if email is None else keys[email] for pk, _c, _g, key, email, *_rest in votes}
    slot = {pk: (cycle, category) for pk, cycle, category, *_rest in votes}
    # Keys as they will be: every vote holds its own until it moves to the one it wants.
    held = {(*slot[pk], key) for pk, key in current.items()}
    waiting = [pk for pk in current if current[pk] != wanted[pk]]
    moved = True
    while moved:  # a vote may free the key another one wants
        moved = False
        for pk in list(waiting):
            if (*slot[pk], wanted[pk]) in held:
                continue
            held.discard((*slot[pk], current[pk]))
            held.add((*slot[pk], wanted[pk]))
            Vote.objects.filter(pk=pk).update(voter_key=wanted[pk])
            current[pk] = wanted[pk]
            waiting.remove(pk)
            moved = True
    domains = {email: email_domain(email) for email in keys}
    for pk, _c, _g, _key, email, domain, *_rest in votes:
        if email is not None and domains[email] != domain:
            Vote.objects.filter(pk=pk).update(email_domain=domains[email])

    counted = set()
    repeated = []
    for pk, *_row, excluded_at, published_at in votes:
        mailbox = (*slot[pk], wanted[pk])
        if mailbox not in counted:
            counted.add(mailbox)
        elif excluded_at is None and published_at is None:
            repeated.append(pk)
    if not repeated:
        return
    AuditEntry = apps.get_model("lifecycle", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    vote_type, _created = ContentType.objects.get_or_create(app_label="prizes", model="vote")
    now = timezone.now()
    for vote in Vote.objects.filter(pk__in=repeated).select_related("submission").order_by("pk"):
        Vote.objects.filter(pk=vote.pk).update(excluded_reason=REASON, excluded_at=now, excluded_by=None)
        AuditEntry.objects.create(
            actor=None,
            action="changed",
            content_type=vote_type,
            object_id=str(vote.pk),
            object_repr=f"{vote.submission.title} ({vote.cast_at:%Y-%m-%d %H:%M})"[:300],
            changes={"excluded_reason": ["", REASON]},
            note="prizes 0006: voter keys of normalised addresses",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("prizes", "0005_certificate_rendering"),
        ("lifecycle", "0004_alter_auditentry_action"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
