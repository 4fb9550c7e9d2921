r"""A person's account in prose: login names, passwords and one-time codes.

Support tools, password-reset flows and SMS inboxes return sentences, not records: "Your username is
ihalvorsen and your temporary password is Xk9!pq2z", "482913 is your Acme verification code". A record
types such values by its keys (``fields/vocabulary.py``: ``username``, ``login``, ``password``,
``otp``); here their words do:

* ``USERNAME`` right after "username", "user name", "login name" or "screen name" and ``is`` or a
  colon: a login name (letters, digits, ``.``, ``_``, ``-``), not a word that describes one ("your
  username is case-sensitive");
* ``PASSWORD`` after "password is" / "passcode is" when the value reads as a secret (a digit, a
  symbol or a capital inside it: "Your password is incorrect" is a sentence). ``password: value``
  and ``password=value`` are the secrets recognizer's ``DATABASE_PASSWORD``;
* ``PASSWORD`` for one-time codes: 4-8 digits after "verification code", "one-time code", "login
  code", "OTP", "your code" ..., or before "is your ... code" (the layout of SMS codes).
"""

from __future__ import annotations

import re

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.recognizer import PatternRecognizer
from mask_core.types import Recognizer

__all__ = ["account_recognizers"]

# Words that follow "username is" or "password is" in sentences about them, not values.
_DESCRIPTIONS = frozenset(
    """required optional invalid incorrect wrong correct valid unknown none null empty blank missing
    taken available unavailable reserved unique already not too the a an your my his her their this
    that still now also same different case-sensitive expired locked reset changed set updated
    displayed shown below above here there being""".split()  # noqa: SIM905
)

_LOGIN = r"[A-Za-z0-9][A-Za-z0-9._-]{1,62}[A-Za-z0-9_]"
# "is <secret>" with optional quotes; sentence punctuation after it is not part of it, but a "!" or
# "?" at its end is (``Winter2024!``).
_VALUE_AFTER_IS = (
    r"""[ \t]+(?:is|was|es)[ \t]+(?:now[ \t]+)?["'“`]?"""
    r"""(?P<tok>[^\s"'“”`]{3,63}[^\s"'“”`.,;:)])["'”`]?[.,;:)]*(?=\s|$)"""
)
_CODE_AFTER = (
    r"""[ \t]*(?:is|es|:)?[ \t]*(?:is[ \t]+)?["'`]?(?:[A-Z]-)?(?P<tok>\d{4,8}|\d{3}[ -]\d{3})(?![\w-])"""
)
_CODE_WORDS = (
    "verification code", "one-time code", "one time code", "login code", "sign-in code", "signin code",
    "access code", "authentication code", "auth code", "security code", "2fa code", "mfa code", "otp",
    "passcode", "one-time password", "one time password", "your code", "your pin",
    "código de verificación", "código de acceso",
)  # fmt: skip


def _login_name(value: str) -> bool:
    return value.lower() not in _DESCRIPTIONS


def _reads_as_secret(value: str) -> bool:
    """A password as people write one: a digit, a symbol or a capital after the first letter. A
    plain word after "password is" describes it ("incorrect", "expired")."""
    if value.lower().rstrip(".") in _DESCRIPTIONS:
        return False
    return any(c.isdigit() or not c.isalnum() or c.isupper() for c in value[1:])


def account_recognizers() -> list[Recognizer]:
    username = ContextRecognizer(
        "USERNAME",
        words=("username", "user name", "login name", "screen name", "nombre de usuario"),
        shape=rf"""["'`]?[ \t]*(?::|=|[ \t]is\b|[ \t]es\b)[ \t]*["'`]?(?P<tok>{_LOGIN})(?![\w@-]|\.\w)""",
        source="pattern",
        name="username_cue",
        score_with=0.8,
        validator=_login_name,
    )
    password = ContextRecognizer(
        "PASSWORD",
        words=("password", "passcode", "passphrase", "contraseña"),
        shape=_VALUE_AFTER_IS,
        source="pattern",
        name="password_prose",
        score_with=0.8,
        validator=_reads_as_secret,
    )
    code_after = ContextRecognizer(
        "PASSWORD",
        words=_CODE_WORDS,
        shape=_CODE_AFTER,
        source="pattern",
        name="one_time_code",
        score_with=0.85,
    )
    code_before = PatternRecognizer(
        "PASSWORD",
        # The digits, then the words as a look-ahead: a pattern that opens with a character class
        # keeps re's fast scan for its first character.
        re.compile(r"\d\d{3,7}(?= is your\b[^.\n]{0,40}?\b(?:code|OTP|PIN|passcode|one-time password)\b)"),
        name="one_time_code",
        word_boundary=True,
        score=0.85,
        anchors=("is your",),
        shapes=("text",),
    )
    return [username, password, code_after, code_before]
