"""The public online vote of the WSIS Prizes: who votes, when and for what; the published validity policy
that decides which votes count; the secretariat's exclusions; the tally and the champions. Views and the
admin call these; nothing else writes a vote or makes a champion.

- A signed-in account whose primary e-mail address is verified votes once per category of a cycle, for
  one of its nominees, while voting is open: the nominees are published and the cycle's "voting" phase is
  open (Geneva time, server clock). Until the voting deadline a voter may choose another nominee in a
  category: the vote stays one vote, dated by its last choice. After the deadline votes are final.
- One person, one vote per category: besides the account, a vote keeps a keyed hash of the account's
  verified address, normalised (``normalise_address``, in the accounts' one form of an address). An
  account deleted and created again, or a second account on the same mailbox, finds the vote already cast;
  an account whose address changed finds its vote by the account. Two unique constraints hold this even
  when requests race.
- The published policy (``evaluate``), applied in SQL to every vote of a cycle, in this order: a vote from
  an address at a disposable e-mail domain is not counted; nor is the vote of an account created in a
  burst (more than ``burst_account_limit`` accounts voting from one network created within
  ``burst_window_minutes``); nor, in a category, a network's votes after its first ``network_vote_limit``
  otherwise valid ones (by time cast). The secretariat may also exclude a vote, giving its reason.
- Champions (``compute_champions``), once voting has closed: in each category the nominees with the most
  valid votes, ``champions_per_category`` of them; nominees tied with the last of them are champions too;
  a nominee without a valid vote never is.
"""

import ipaddress
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions import schedule
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.emails import normalise_email

from .models import VOTING_PHASE, PrizeCycle, State, Submission
from .models.voting import DisposableEmailDomain, PolicyReason, Vote

VOTER_KEY_SALT = "prizes.voting.voter_key"
# Providers that deliver mail for an address whatever the dots of its local part.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
IPV4_PREFIX, IPV6_PREFIX = 24, 48
# What ``cast_vote`` did.
CAST, CHANGED, UNCHANGED = "cast", "changed", "unchanged"

CLOSED = _("Voting is not open: votes are accepted only between the opening of voting and its deadline.")
PUBLISHED = _("The champions have been published: the votes can no longer be changed.")
# A vote that counts, as lookups on Vote.
VALID_VOTE = {"policy_reason": PolicyReason.VALID, "excluded_at__isnull": True}


def _kept_form(email: str) -> str:
    """The address in the accounts' form (``normalise_email``), quoted local parts of older accounts
    unquoted; an address email-validator refuses, in lower case."""
    try:
        return normalise_email(email, allow_quoted=True)
    except ValidationError:
        return email.strip().lower()


def normalise_address(email: str) -> str:
    """The mailbox an address reaches: in the accounts' form (one case, the domain in Unicode whether typed
    so or in punycode), without a "+tag" (sub-addressing delivers every tag to one mailbox), and for Gmail
    without the dots of the local part, which Gmail ignores."""
    local, _at, domain = _kept_form(email).rpartition("@")
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def voter_key(email: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of the normalised address: the same mailbox always gives
    the same key, and the key does not reveal the address."""
    return salted_hmac(VOTER_KEY_SALT, normalise_address(email), algorithm="sha256").hexdigest()


def email_domain(email: str) -> str:
    return _kept_form(email).rpartition("@")[2]


def network_of(address: str) -> str:
    """The network of a client address, as the policy groups them: IPv4 /24, IPv6 /48 ("" if unknown)."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def client_network(request) -> str:
    """The network of the client, found as allauth finds it (ALLAUTH_TRUSTED_PROXY_COUNT and
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER say which proxies to trust)."""
    try:
        return network_of(get_adapter(request).get_client_ip(request))
    except PermissionDenied:
        return ""


# When


def voting_phase(cycle):
    return cycle.phase(VOTING_PHASE)


def nominees_published(cycle, at=None) -> bool:
    at = at or schedule.now()
    return cycle.nominees_published_at is not None and cycle.nominees_published_at <= at


def is_voting_open(cycle, at=None) -> bool:
    """Whether votes are accepted at ``at`` (default now): the nominees are published and the cycle's
    voting phase is open (``editions.schedule.is_open``)."""
    at = at or schedule.now()
    phase = voting_phase(cycle)
    return nominees_published(cycle, at) and phase is not None and schedule.is_open(phase, at)


def has_voting_closed(cycle, at=None) -> bool:
    """Whether the voting deadline has passed."""
    at = at or schedule.now()
    phase = voting_phase(cycle)
    return phase is not None and phase.closes_at is not None and at >= phase.closes_at


# Who


def votes_of(user):
    """The votes a signed-in person has cast: with this account, or with its address from an account
    deleted since."""
    if not user.is_authenticated:
        return Vote.objects.none()
    return Vote.objects.filter(Q(voter=user) | Q(voter_key=voter_key(user.email), voter__isnull=True))


# Casting


def cast_vote(voter, submission, network=""):
    """Cast ``voter``'s vote for ``submission`` in its category, or move their vote there.

    Guarantees: only while voting is open, only for a nominee, only from an account with a verified
    address; at most one vote per category for an account and for a mailbox, even when requests race (the
    database's unique constraints decide, and the loser reads the winner's vote); a vote of the same
    mailbox cast by another account (or one deleted) is never replaced. Returns ``(vote, what)`` with
    ``what`` one of ``CAST``, ``CHANGED``, ``UNCHANGED``.
    """
    if not voter.is_authenticated:
        raise PermissionDenied
    cycle = submission.cycle
    if not is_voting_open(cycle):
        raise ValidationError(CLOSED, code="closed")
    if submission.state != State.NOMINEE:
        raise ValidationError(_("Only the nominees of the cycle can receive votes."), code="not_nominee")
    if not behalf.email_is_verified(voter):
        raise ValidationError(_("Verify your e-mail address before you vote."), code="unverified")
    key = voter_key(voter.email)
    now = schedule.now()
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                cycle=cycle,
                category_id=submission.category_id,
                submission=submission,
                voter=voter,
                voter_key=key,
                cast_at=now,
                account_created_at=voter.date_joined,
                email_domain=email_domain(voter.email),
                ip_network=network,
            )
        return vote, CAST
    except IntegrityError:
        pass
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update()
            .filter(cycle=cycle, category_id=submission.category_id, voter=voter)
            .first()
        )
        if vote is None:
            raise ValidationError(
                _("A vote has already been cast in this category with your e-mail address."), code="duplicate"
            )
        if vote.submission_id == submission.pk:
            return vote, UNCHANGED
        vote.submission, vote.cast_at, vote.ip_network = submission, now, network
        vote.save(update_fields=["submission", "cast_at", "ip_network"])
    return vote, CHANGED


# The secretariat


def _check_not_published(cycle):
    if cycle.champions_published_at is not None:
        raise ValidationError(PUBLISHED, code="published")


def exclude_vote(vote, reason, by):
    """Exclude a vote from the count, with the reason the secretariat gives (kept with the vote and in the
    audit log). Refused without a reason or once the champions are published; returns False when the vote
    was already excluded."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Give the reason for excluding the vote."), code="reason")
    _check_not_published(vote.cycle)
    with transaction.atomic():
        now = schedule.now()
        changed = Vote.objects.filter(pk=vote.pk, excluded_at__isnull=True).update(
            excluded_reason=reason, excluded_by=by, excluded_at=now
        )
        if not changed:
            return False
        vote.excluded_reason, vote.excluded_by, vote.excluded_at = reason, by, now
        record(by, AuditEntry.Action.CHANGED, vote, {"excluded_reason": ("", reason)})
    return True


def restore_vote(vote, by):
    """Count again a vote the secretariat had excluded (the policy still applies to it). Refused once the
    champions are published; returns False when it was not excluded."""
    _check_not_published(vote.cycle)
    with transaction.atomic():
        before = Vote.objects.filter(pk=vote.pk).values_list("excluded_reason", flat=True).first()
        changed = Vote.objects.filter(pk=vote.pk, excluded_at__isnull=False).update(
            excluded_reason="", excluded_by=None, excluded_at=None
        )
        if not changed:
            return False
        vote.excluded_reason, vote.excluded_by, vote.excluded_at = "", None, None
        record(by, AuditEntry.Action.CHANGED, vote, {"excluded_reason": (before, "")})
    return True


# The published policy

# Whole seconds since 1970 of a timestamp column, identical on both databases.
EPOCH = {
    "postgresql": "CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)",
    "sqlite": "CAST(strftime('%%s', {column}) AS INTEGER)",
}
# One statement, narrowed at each step to where a rule can bite: only networks with more votes than the
# burst limit from accounts created within two consecutive windows are searched for bursts of accounts;
# only (category, network) pairs with more votes than the network limit are ranked; only votes whose
# verdict changes are written. Texts are compared byte by byte (``BINARY``): the same order on both
# databases, and no locale rules to apply a million times.
POLICY_SQL = """
UPDATE {vote} SET policy_reason = verdict.reason
FROM (
    WITH votes AS (
        SELECT v.id, v.category_id, v.ip_network{binary} AS ip_network, v.voter_key{binary} AS voter_key,
               v.cast_at, v.account_created_at, v.policy_reason AS verdict,
               CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS disposable
        FROM {vote} v LEFT JOIN {domain} d ON d.domain = v.email_domain
        WHERE v.cycle_id = %s
    ),
    buckets AS (
        SELECT ip_network, {created} / {window} AS bucket, COUNT(*) AS counted
        FROM votes WHERE ip_network <> '' GROUP BY ip_network, {created} / {window}
    ),
    crowded AS (
        SELECT DISTINCT this.ip_network
        FROM buckets this LEFT JOIN buckets next
             ON next.ip_network = this.ip_network AND next.bucket = this.bucket + 1
        WHERE this.counted + COALESCE(next.counted, 0) > {burst_limit}
    ),
    accounts AS (
        SELECT DISTINCT votes.ip_network, votes.voter_key, {created} AS created
        FROM votes JOIN crowded ON crowded.ip_network = votes.ip_network
    ),
    ahead AS (
        SELECT ip_network, voter_key, created,
               COUNT(*) OVER (PARTITION BY ip_network ORDER BY created
                              RANGE BETWEEN CURRENT ROW AND {window} FOLLOWING) AS created_within
        FROM accounts
    ),
    burst AS (
        SELECT DISTINCT ip_network, voter_key FROM (
            SELECT ip_network, voter_key,
                   MAX(created_within) OVER (PARTITION BY ip_network ORDER BY created
                                             RANGE BETWEEN {window} PRECEDING AND CURRENT ROW) AS peak
            FROM ahead
        ) windows
        WHERE peak > {burst_limit}
    ),
    judged AS (
        SELECT votes.id, votes.category_id, votes.ip_network, votes.cast_at, votes.verdict,
               CASE WHEN votes.disposable = 1 THEN '{disposable}'
                    WHEN burst.voter_key IS NOT NULL THEN '{burst}'
                    ELSE '' END AS reason
        FROM votes LEFT JOIN burst
             ON burst.ip_network = votes.ip_network AND burst.voter_key = votes.voter_key
    ),
    busy AS (
        SELECT category_id, ip_network FROM judged WHERE reason = '' AND ip_network <> ''
        GROUP BY category_id, ip_network HAVING COUNT(*) > {network_limit}
    ),
    beyond AS (
        SELECT id FROM (
            SELECT judged.id,
                   ROW_NUMBER() OVER (PARTITION BY judged.category_id, judged.ip_network
                                      ORDER BY judged.cast_at, judged.id) AS position
            FROM judged JOIN busy
                 ON busy.category_id = judged.category_id AND busy.ip_network = judged.ip_network
            WHERE judged.reason = ''
        ) ranked
        WHERE position > {network_limit}
    )
    SELECT id, reason FROM (
        SELECT judged.id, judged.verdict,
               CASE WHEN beyond.id IS NULL THEN judged.reason ELSE '{network}' END AS reason
        FROM judged LEFT JOIN beyond ON beyond.id = judged.id
    ) changed
    WHERE reason <> verdict
) verdict
WHERE {vote}.id = verdict.id
"""
BINARY = {"postgresql": ' COLLATE "C"', "sqlite": ""}
# Memory for the statement's sorts and hashes on PostgreSQL (for this transaction only): a million votes
# are then sorted in memory rather than on disk.
POLICY_WORK_MEM = "256MB"


def evaluate(cycle) -> int:
    """Apply the published policy to every vote of ``cycle`` in one SQL statement (window functions; the
    same results on PostgreSQL and SQLite) and return how many votes changed verdict. Idempotent: a vote
    whose verdict stands is not written again."""
    sql = POLICY_SQL.format(
        vote=Vote._meta.db_table,
        domain=DisposableEmailDomain._meta.db_table,
        created=EPOCH[connection.vendor].format(column="votes.account_created_at"),
        binary=BINARY[connection.vendor],
        window=int(cycle.burst_window_minutes) * 60,
        burst_limit=int(cycle.burst_account_limit),
        network_limit=int(cycle.network_vote_limit),
        disposable=PolicyReason.DISPOSABLE_DOMAIN.value,
        burst=PolicyReason.ACCOUNT_BURST.value,
        network=PolicyReason.NETWORK_LIMIT.value,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL work_mem = '{POLICY_WORK_MEM}'")
        cursor.execute(sql, [cycle.pk])  # noqa: S608 - table names and integers from the models, not input
        return cursor.rowcount


# Counting

# Column name: the votes of a project it counts. Each vote is in exactly one column besides "total": a vote
# the policy does not count is under its reason, whether or not the secretariat also excluded it.
BUCKETS = {
    "valid": VALID_VOTE,
    PolicyReason.DISPOSABLE_DOMAIN.value: {"policy_reason": PolicyReason.DISPOSABLE_DOMAIN},
    PolicyReason.ACCOUNT_BURST.value: {"policy_reason": PolicyReason.ACCOUNT_BURST},
    PolicyReason.NETWORK_LIMIT.value: {"policy_reason": PolicyReason.NETWORK_LIMIT},
    "secretariat": {"policy_reason": PolicyReason.VALID, "excluded_at__isnull": False},
}
VOTED_STATES = (State.NOMINEE, State.CHAMPION, State.WINNER)


def vote_counts(cycle):
    """Project id → its votes in ``cycle`` counted by ``BUCKETS`` column and in all (``total``): one
    aggregate over the votes alone, grouped by project."""
    annotations = {name: Count("pk", filter=Q(**lookups)) for name, lookups in BUCKETS.items()}
    rows = (
        Vote.objects.filter(cycle=cycle)
        .order_by()
        .values("submission_id")
        .annotate(total=Count("pk"), **annotations)
    )
    return {row.pop("submission_id"): row for row in rows}


def tally(cycle):
    """Each project of ``cycle`` that could receive votes, with its votes counted (``vote_counts``): a
    ``total`` and one attribute per ``BUCKETS`` column, whose sum is ``total``; by category, most valid
    votes first. As the policy was last applied: call ``evaluate`` first for today's verdicts."""
    counts = vote_counts(cycle)
    empty = dict.fromkeys(("total", *BUCKETS), 0)
    projects = list(
        Submission.objects.filter(cycle=cycle, state__in=VOTED_STATES).select_related(
            "cycle__edition", "category__action_line"
        )
    )
    for project in projects:
        for name, value in counts.get(project.pk, empty).items():
            setattr(project, name, value)
    projects.sort(key=lambda p: (p.category.position, -p.valid, p.reference or "", p.pk))
    return projects


@dataclass(frozen=True)
class Champions:
    """What ``compute_champions`` decided: the champions' ids, and how many changed state."""

    ids: frozenset
    promoted: int
    demoted: int


def rank_champions(counts, per_category):
    """The ids of the champions among ``counts`` (tuples ``(id, category_id, valid)``): per category the
    ``per_category`` with the most valid votes, with those tied with the last of them; none without a
    valid vote."""
    by_category = {}
    for pk, category_id, valid in counts:
        if valid > 0:
            by_category.setdefault(category_id, []).append((valid, pk))
    chosen = set()
    for entries in by_category.values():
        entries.sort(reverse=True)
        if len(entries) > per_category:
            threshold = entries[per_category - 1][0]
            entries = [entry for entry in entries if entry[0] >= threshold]
        chosen.update(pk for _valid, pk in entries)
    return frozenset(chosen)


def compute_champions(cycle, by):
    """After the voting deadline, apply the policy (``evaluate``), then make champions of the nominees with
    the most valid votes in each category (the rule is in this module's docstring); projects that were
    champions of an earlier computation and no longer are become nominees again. Refused while voting is
    open and once the champions are published. Each change of state is in the audit log."""
    if not has_voting_closed(cycle):
        raise ValidationError(_("The champions are computed once voting has closed."), code="open")
    _check_not_published(cycle)
    with transaction.atomic():
        # One computation at a time per cycle.
        locked = PrizeCycle.objects.select_for_update().get(pk=cycle.pk)
        _check_not_published(locked)
        evaluate(cycle)
        valid = dict(
            Vote.objects.filter(cycle=cycle, **VALID_VOTE)
            .order_by()
            .values("submission_id")
            .annotate(valid=Count("pk"))
            .values_list("submission_id", "valid")
        )
        counts = [
            (pk, category_id, valid.get(pk, 0), state)
            for pk, category_id, state in Submission.objects.filter(
                cycle=cycle, state__in=(State.NOMINEE, State.CHAMPION)
            ).values_list("pk", "category_id", "state")
        ]
        champions = rank_champions([row[:3] for row in counts], cycle.champions_per_category)
        promoted = [pk for pk, _c, _v, state in counts if pk in champions and state == State.NOMINEE]
        demoted = [pk for pk, _c, _v, state in counts if pk not in champions and state == State.CHAMPION]
        for ids, before, after in (
            (promoted, State.NOMINEE, State.CHAMPION),
            (demoted, State.CHAMPION, State.NOMINEE),
        ):
            Submission.objects.filter(pk__in=ids, state=before).update(state=after)
            for submission in Submission.objects.filter(pk__in=ids):
                record(by, AuditEntry.Action.CHANGED, submission, {"state": (before, after)})
    return Champions(champions, len(promoted), len(demoted))


def publish_champions(cycle, by):
    """Publish the champions of ``cycle`` once: sets ``champions_published_at``, then (after the commit)
    has ``prizes.results.issue_certificates`` issue their certificates. Refused before any champion is
    computed; returns False when they were already published."""
    if not Submission.objects.filter(cycle=cycle, state=State.CHAMPION).exists():
        raise ValidationError(_("Compute the champions before publishing them."), code="no_champions")
    with transaction.atomic():
        now = schedule.now()
        if not PrizeCycle.objects.filter(pk=cycle.pk, champions_published_at__isnull=True).update(
            champions_published_at=now
        ):
            return False
        cycle.champions_published_at = now
        record(by, AuditEntry.Action.CHANGED, cycle, {"champions_published_at": (None, now)})
        transaction.on_commit(lambda: _issue_certificates(cycle))
    return True


def _issue_certificates(cycle):
    from .results import issue_certificates

    issue_certificates(cycle)


def disposable_domains():
    return list(DisposableEmailDomain.objects.values_list("domain", flat=True))
