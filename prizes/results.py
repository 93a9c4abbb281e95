"""The results of a prize cycle and their certificates.

What the public may see follows the cycle's publications: a project is shown as a nominee once the
nominees are published, as a champion once the champions are, as the winner once the winners are; before
its stage is published it is shown at the last published stage it reached, or not at all.

Each champion (a winner was a champion first) gets a champion's certificate once the champions are
published, each winner a winner's certificate once the winners are (``issue_certificates``). A certificate
carries a random verification code that a public page checks; its PDFs, in every portal language, are
rendered by a worker that claims the rendering first (``render``), and a periodic job takes up renderings
whose task was lost, whose worker died or which failed (``stale_certificates``).
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from wsis_portal.direction import text_direction
from wsis_portal.editions import schedule
from wsis_portal.links import absolute_url

from .models import Certificate, PrizeCycle, State, Submission

# Crockford's base32: digits and capitals without I, L, O and U, so that a code read aloud or typed from
# paper is not mistaken. Twelve characters (60 random bits) in three groups of four.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4
# Letters typed for the digits they look like.
CODE_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
NOT_IN_CODE = re.compile(r"[\s\-_.]+")

# The stages a project reaches, in order, with the cycle's field that publishes each one.
STAGES = (
    (State.NOMINEE, "nominees_published_at"),
    (State.CHAMPION, "champions_published_at"),
    (State.WINNER, "winners_published_at"),
)
RANK = {state: rank for rank, (state, _field) in enumerate(STAGES)}
# The certificate each stage gives, and the stage that must be published for it.
CERTIFICATE_STAGES = ((Certificate.Kind.CHAMPION, State.CHAMPION), (Certificate.Kind.WINNER, State.WINNER))

RENDER_LOST_AFTER = timedelta(minutes=1)  # a certificate still waiting after this lost its task
RENDER_STALE_AFTER = timedelta(minutes=10)  # a rendering older than this died with its worker
MAX_ATTEMPTS = 3  # then a failed rendering waits for the secretariat's "render again"

Status = Certificate.Status


def new_code() -> str:
    """A random verification code, e.g. ``7KQ2-M9XD-4HTA``."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return _grouped(letters)


def _grouped(letters):
    return "-".join(
        letters[start : start + CODE_GROUP_LENGTH] for start in range(0, len(letters), CODE_GROUP_LENGTH)
    )


def normalise_code(text) -> str | None:
    """The code as stored from what someone typed (any case, with or without dashes or spaces, O for 0,
    I or L for 1); None when it cannot be a code."""
    letters = NOT_IN_CODE.sub("", str(text or "")).upper().translate(CODE_LOOKALIKES)
    if len(letters) != CODE_GROUPS * CODE_GROUP_LENGTH or any(c not in CODE_ALPHABET for c in letters):
        return None
    return _grouped(letters)


def published_stages(cycle, at=None) -> set:
    """The stages of ``cycle`` the public may see at ``at`` (now by default)."""
    at = at or schedule.now()
    return {
        state for state, name in STAGES if getattr(cycle, name) is not None and getattr(cycle, name) <= at
    }


def shown_stage(state, published):
    """The stage a project in ``state`` is shown at: the last published stage it reached, else None."""
    reached = [stage for stage, _field in STAGES if stage in published and RANK.get(state, -1) >= RANK[stage]]
    return reached[-1] if reached else None


def public_kinds(published) -> list:
    """The kinds of certificate the public may see, given the published stages."""
    return [kind for kind, stage in CERTIFICATE_STAGES if stage in published]


@dataclass
class CategoryResults:
    """What the public sees of one category: its winner, its other champions, its other nominees."""

    category: object
    winner: object = None
    champions: list = field(default_factory=list)
    nominees: list = field(default_factory=list)


def results_by_category(cycle, at=None) -> list[CategoryResults]:
    """The public results of ``cycle`` by category (in the categories' order, projects by title), each
    project at the stage it is shown at (``shown_stage``) with its public certificates in
    ``public_certificates``. Two queries, whatever the number of projects."""
    published = published_stages(cycle, at)
    if not published:
        return []
    lowest = min(RANK[stage] for stage in published)
    states = [state for state, _field in STAGES if RANK[state] >= lowest]
    projects = (
        Submission.objects.counted()
        .filter(cycle=cycle, state__in=states)
        .select_related("organisation", "category__action_line")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(kind__in=public_kinds(published)).order_by("-kind"),
                to_attr="public_certificates",
            )
        )
        .order_by("category__position", "title", "pk")
    )
    results = []
    for project in projects:
        if not results or results[-1].category.pk != project.category_id:
            results.append(CategoryResults(project.category))
        stage = shown_stage(project.state, published)
        for certificate in project.public_certificates:
            certificate.downloads = downloads(certificate)
        project.shown_stage = stage
        if stage == State.WINNER:
            results[-1].winner = project
        elif stage == State.CHAMPION:
            results[-1].champions.append(project)
        else:
            results[-1].nominees.append(project)
    return results


def cycle_of_year(year):
    """The prize cycle of the edition of ``year``, or None."""
    return PrizeCycle.objects.select_related("edition").filter(edition__year=year).first()


def certificate_for_code(code, at=None):
    """The certificate with verification code ``code`` (as stored, see ``normalise_code``) when the public
    may see it, with what its page shows; None otherwise, and for any text that is not a code as stored
    (PostgreSQL refuses a NUL in a query)."""
    if normalise_code(code) != code:
        return None
    certificate = (
        Certificate.objects.select_related(
            "submission__organisation", "submission__category__action_line", "submission__cycle__edition"
        )
        .filter(code=code)
        .first()
    )
    if certificate is None:
        return None
    if certificate.kind not in public_kinds(published_stages(certificate.submission.cycle, at)):
        return None
    certificate.downloads = downloads(certificate)
    return certificate


def downloads(certificate) -> list[tuple[str, str]]:
    """The languages (code, name) the certificate's PDF is ready in."""
    return [(code, name) for code, name in settings.LANGUAGES if certificate.pdf(code)]


def issue_certificates(cycle) -> list[Certificate]:
    """Issue the certificates that ``cycle``'s publications call for and queue their PDFs; return the new
    ones. Idempotent: one certificate per project and kind, whoever calls it and however often, a champion's
    for each champion or winner once the champions are published, a winner's for each winner once the
    winners are. Each gets a unique random code; its rendering is queued once the transaction commits."""
    from .tasks import render_certificate

    cycle = PrizeCycle.objects.get(pk=cycle.pk)
    published = published_stages(cycle)
    issued = []
    with transaction.atomic():
        for kind, stage in CERTIFICATE_STAGES:
            if stage not in published:
                continue
            states = [state for state, _field in STAGES if RANK[state] >= RANK[stage]]
            missing = (
                Submission.objects.counted()
                .filter(cycle=cycle, state__in=states)
                .exclude(certificates__kind=kind)
                .order_by("category__position", "pk")
            )
            for submission in missing:
                certificate = _issue(submission, kind)
                if certificate is not None:
                    issued.append(certificate)
        for certificate in issued:
            transaction.on_commit(
                lambda pk=certificate.pk: render_certificate.delay(pk), robust=True
            )  # robust: with the broker down the certificate is kept; the periodic job renders it later
    return issued


def _issue(submission, kind):
    """One certificate with a fresh code; None when another caller issued it meanwhile."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(submission=submission, kind=kind, code=new_code())
        except IntegrityError:
            if Certificate.objects.filter(submission=submission, kind=kind).exists():
                return None
    raise RuntimeError("No free verification code after five tries.")


def issue_due_certificates() -> int:
    """Issue what every published cycle still calls for (their publication's own call may have been lost);
    return how many were issued."""
    cycles = PrizeCycle.objects.filter(
        Q(champions_published_at__lte=schedule.now()) | Q(winners_published_at__lte=schedule.now())
    )
    return sum(len(issue_certificates(cycle)) for cycle in cycles)


def verification_url(certificate, language) -> str:
    """The address of the certificate's public verification page, in ``language``."""
    with translation.override(language):
        path = reverse("prizes:verify_code", args=[certificate.code])
    return absolute_url(path)


def languages():
    return [code for code, _name in settings.LANGUAGES]


def certificate_html(certificate, language) -> str:
    """The certificate as HTML for WeasyPrint, in ``language`` and its direction."""
    with translation.override(language):
        issued = timezone.localtime(certificate.issued_at, schedule.GENEVA)
        return render_to_string(
            "prizes/results/certificate_pdf.html",
            {
                "certificate": certificate,
                "submission": certificate.submission,
                "year": certificate.submission.cycle.edition.year,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "issued": formats.date_format(issued, "j F Y"),
                "url": verification_url(certificate, language),
                "title_dir": text_direction(certificate.submission.title),
                "organisation_dir": text_direction(certificate.submission.organisation),
                "font_dir": "/usr/share/fonts/opentype/fonts-hosny-amiri",
            },
        )


def certificate_pdf(certificate, language) -> bytes:
    """The certificate as PDF bytes in ``language`` (A4 landscape, Amiri)."""
    from weasyprint import HTML  # imported here: loading it costs a second, only workers need it

    return HTML(string=certificate_html(certificate, language), base_url=str(settings.BASE_DIR)).write_pdf()


def claim(certificate_id):
    """Take the rendering of a certificate; exactly one caller gets it while it waits, went stale, or
    failed fewer than ``MAX_ATTEMPTS`` times. Returns the certificate, or None."""
    now = timezone.now()
    changed = (
        Certificate.objects.filter(pk=certificate_id)
        .filter(
            Q(status=Status.PENDING)
            | Q(status=Status.RENDERING, claimed_at__lt=now - RENDER_STALE_AFTER)
            | Q(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        )
        .update(status=Status.RENDERING, claimed_at=now)
    )
    if not changed:
        return None
    return Certificate.objects.select_related(
        "submission__organisation", "submission__category__action_line", "submission__cycle__edition"
    ).get(pk=certificate_id)


def render(certificate_id) -> bool:
    """Render and store the PDFs of one claimed certificate in every portal language; True when rendered
    now. Running it twice is harmless: the second run finds nothing to claim."""
    certificate = claim(certificate_id)
    if certificate is None:
        return False
    attempts = certificate.attempts + 1
    try:
        contents = {language: certificate_pdf(certificate, language) for language in languages()}
    except Exception as error:  # recorded on the row for the secretariat to see
        Certificate.objects.filter(pk=certificate.pk).update(
            status=Status.FAILED, error=str(error)[:2000], attempts=attempts
        )
        return False
    names = {}
    for language, content in contents.items():
        name = f"WSIS-Prizes-{certificate.submission.cycle.edition.year}-{certificate.code}-{language}.pdf"
        stored = certificate.pdf(language)
        if stored:  # rendered before: the new file replaces it
            stored.delete(save=False)
        stored.save(name, ContentFile(content), save=False)
        names[f"pdf_{language}"] = stored.name
    Certificate.objects.filter(pk=certificate.pk).update(
        **names, status=Status.DONE, error="", attempts=attempts, rendered_at=timezone.now()
    )
    return True


def stale_certificates(now=None) -> list[int]:
    """Certificates whose rendering a periodic job queues again: still waiting a minute after they were
    issued (their task was lost), rendering for ten minutes (their worker died), or failed fewer than
    ``MAX_ATTEMPTS`` times, ten minutes after the last try."""
    now = now or timezone.now()
    return list(
        Certificate.objects.filter(
            Q(status=Status.PENDING, issued_at__lt=now - RENDER_LOST_AFTER)
            | Q(status=Status.RENDERING, claimed_at__lt=now - RENDER_STALE_AFTER)
            | Q(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS, claimed_at__lt=now - RENDER_STALE_AFTER)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def render_again(certificates) -> int:
    """Have the given certificates rendered anew (the secretariat's action, e.g. after a correction of the
    project's title): their rendering waits again, with its attempts reset, and is queued after the commit.
    Returns how many."""
    from .tasks import render_certificate

    ids = list(certificates.exclude(status=Status.RENDERING).values_list("pk", flat=True))
    with transaction.atomic():
        Certificate.objects.filter(pk__in=ids).update(status=Status.PENDING, attempts=0, error="")
        for pk in ids:
            transaction.on_commit(lambda pk=pk: render_certificate.delay(pk), robust=True)
    return len(ids)
