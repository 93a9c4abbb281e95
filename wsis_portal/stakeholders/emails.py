"""E-mail addresses in the one form the portal keeps: email-validator's normalised form in lower case. The
same mailbox typed in another case or with its domain in Unicode or in punycode (``bücher.example``,
``xn--bcher-kva.example``) gives the same text, so it finds the same account (sign-up, change of address,
sign-in, password reset) and the same prize voter key (``prizes.voting``). Quoted local parts and
backslashes are refused for accounts; the voter key reads them (``allow_quoted``) in addresses kept from
before, as the mailbox they reach."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from email_validator import EmailNotValidError, validate_email

QUOTED = _('Write the e-mail address without quotation marks (") or backslashes (\\).')
INVALID = _("Enter a valid e-mail address, for example name@example.org.")


def normalise_email(email: str, *, allow_quoted: bool = False) -> str:
    """``email`` in the portal's form: the domain in Unicode (IDNA-normalised), the local part in Unicode
    NFC, all in lower case. Raises ``ValidationError`` (translated) for an address email-validator refuses
    (code ``invalid``) and, unless ``allow_quoted``, for one with a quoted local part or a backslash (code
    ``quoted``): ``"alice"@example.org`` reaches alice@example.org, and an account keeps the plain form.
    Quoted forms are allowed only to read addresses kept from before they were refused."""
    email = email.strip()
    if not allow_quoted and ('"' in email or "\\" in email):
        raise ValidationError(QUOTED, code="quoted")
    try:
        address = validate_email(email, check_deliverability=False, allow_quoted_local=allow_quoted)
    except EmailNotValidError:
        raise ValidationError(INVALID, code="invalid") from None
    return address.normalized.lower()
