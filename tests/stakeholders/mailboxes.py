"""One mailbox written many ways, for the tests of sign-up and of the prize vote: amina.diallo at an
internationalised domain, in any case, with the domain in Unicode or in punycode, and, for the forms an
account may not keep, with the local part quoted, with backslash escapes inside the quotes, or with a
backslash and no quotes."""

from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

LOCAL = "amina.diallo"
UNICODE_DOMAIN, PUNYCODE_DOMAIN = "bücher.example", "xn--bcher-kva.example"
# The form the portal keeps of every variant.
MAILBOX = "amina.diallo@bücher.example"
# Examples run through the test client: few, without a time limit.
EXAMPLES = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


def any_case(text):
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda upper: "".join(c.upper() if up else c for c, up in zip(text, upper, strict=True))
    )


def _escaped(text):
    """``text`` with a backslash before some of its characters, or none."""
    flags = st.lists(st.booleans(), min_size=len(text), max_size=len(text))
    return flags.map(
        lambda escape: "".join(("\\" if e else "") + c for c, e in zip(text, escape, strict=True))
    )


domains = st.sampled_from([UNICODE_DOMAIN, PUNYCODE_DOMAIN]).flatmap(any_case)
locals_ = any_case(LOCAL)
# Written as an account may keep it.
plain = st.builds("{}@{}".format, locals_, domains)
# "amina.diallo", "\a\mina.diallo"...: the same mailbox, quoted, some characters escaped.
quoted = st.builds('"{}"@{}'.format, locals_.flatmap(_escaped), domains)
# amina\.diallo: a backslash without quotes, at least one.
escaped = st.builds("{}@{}".format, locals_.flatmap(_escaped).filter(lambda local: "\\" in local), domains)
# Two or more ways of writing the mailbox, the first Unicode and the second punycode (both always met).
several_plain = st.tuples(
    st.builds("{}@{}".format, locals_, any_case(UNICODE_DOMAIN)),
    st.builds("{}@{}".format, locals_, any_case(PUNYCODE_DOMAIN)),
    st.lists(plain, max_size=2),
).map(lambda parts: [parts[0], parts[1], *parts[2]])


@contextmanager
def rolled_back():
    """One example in a savepoint rolled back after it: each example starts from the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
