r"""Corporate secrets: provider API keys, JWTs, bearer tokens, PEM private keys, connection strings.

Every pattern here starts from a literal that real secrets carry and ordinary text rarely does
(``AKIA``, ``ghp_``, ``sk_live_``, ``xoxb-``, ``AIza``, ``eyJ``, ``-----BEGIN``, ``://``), and runs only
when that literal occurs (``anchors``): the cost of a recognizer whose prefix is absent is one
substring search. A provider prefix followed by the provider's exact length and alphabet is itself
the structural check, so these findings count as validated (they win overlaps).

* AWS access key ids ``AKIA``/``ASIA`` + 16 base32 characters; an AWS secret key only next to its
  name (``aws_secret_access_key = ...``).
* GitHub ``ghp_ gho_ ghu_ ghs_ ghr_`` + 36, fine-grained ``github_pat_`` + 82.
* Stripe ``sk_live_``/``rk_live_`` (and ``_test_``) keys, Slack ``xoxb-``/``xoxp-``/``xoxa-``/... tokens,
  Google ``AIza`` + 35, OpenAI-style ``sk-`` / ``sk-proj-`` keys (mixed letters and digits, 32+).
* JWT: three base64url parts whose header decodes to JSON with an ``alg``.
* OAuth/bearer tokens after ``Bearer`` or in ``access_token=`` / ``"refresh_token": "..."``.
* PEM private key blocks, ``-----BEGIN ... PRIVATE KEY-----`` to the matching END line.
* Connection strings with a password: ``postgres://user:secret@host/db`` (any scheme with user:pass),
  and ADO/JDBC style ``Server=...;User Id=...;Password=...``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.gates import Literals
from mask_core.scan.recognizer import PatternRecognizer
from mask_core.scan.view import ScanView
from mask_core.types import Entity, Recognizer

__all__ = ["ConnectionStringRecognizer", "is_jwt", "names_a_path", "secret_recognizers"]


def is_jwt(value: str) -> bool:
    """Three dot-separated base64url parts; the header is a JSON object naming an ``alg``."""
    header = value.split(".", 1)[0]
    try:
        decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(decoded, dict) and "alg" in decoded


def _mixed(value: str) -> bool:
    """A random key mixes letters and digits; ``sk-learn-tutorial-examples`` does not."""
    body = value.rsplit("-", 1)[-1] if value.count("-") > 2 else value
    return (
        any(c.isdigit() for c in body) and any(c.isupper() for c in value) and any(c.islower() for c in value)
    )


_TAIL = r"(?![A-Za-z0-9_-])"


def _api(name: str, pattern: str, anchors: tuple[str, ...], score: float = 0.95, **kw: object) -> Recognizer:
    return PatternRecognizer(
        "API_KEY",
        pattern + _TAIL,
        name=f"api_key:{name}",
        score=score,
        anchors=anchors,
        word_boundary=True,
        validated=True,
        shapes=("text",),
        context=("key", "api", "token", "secret", "credential"),
        **kw,  # type: ignore[arg-type]
    )


_CONN_RE = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{1,30})://(?P<user>[^\s:/@'\"<>]{1,128}):(?P<password>[^\s@/'\"<>]{1,256})@"
    r"[^\s'\"<>]{1,512}"
)
_ADO_RE = re.compile(
    r"(?i:(?:server|data source|host|address)\s*=\s*[^;'\"\n]{1,256};(?:[^;'\"\n]{1,256};){0,12}?"
    r"\s*(?:password|pwd)\s*=\s*[^;'\"\n]{1,256};?)"
)
_TRAILING = ".,;:!?)]}>'\""
_ABSOLUTE_PATH = re.compile(r"(?:/|~/|[A-Za-z]:[\\/])")


class ConnectionStringRecognizer:
    """Database (and any other) connection strings that carry a password."""

    name = "database_connection_string"
    shapes = frozenset({"email", "text"})
    entity_types: tuple[str, ...] = ("DATABASE_CONNECTION_STRING",)
    scan_gate = Literals({"://", "="})
    #: The highest score it gives (a URL form); ``Scanner.detect`` skips it after a better finding.
    max_score = 0.95

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        if view.has("://") and view.has("@"):
            for m in _CONN_RE.finditer(text):
                start, end = m.span()
                while end > start and text[end - 1] in _TRAILING:
                    end -= 1
                yield Entity("DATABASE_CONNECTION_STRING", start, end, 0.95, text[start:end], self.name, True)
        if view.has("=") and view.has_lower(("password", "pwd")):
            for m in _ADO_RE.finditer(text):
                start, end = m.span()
                yield Entity("DATABASE_CONNECTION_STRING", start, end, 0.9, m.group(), self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def names_a_path(value: str) -> bool:
    """Whether a password's value is an absolute path: a shell's ``PWD=/home/ihalvorsen`` is its
    working directory, not a secret."""
    return _ABSOLUTE_PATH.match(value) is not None


def _may_be_password(value: str) -> bool:
    """Not a template's placeholder (``$DB_PASS``, ``{{password}}``), a mask, a word that describes
    one, or a path (:func:`names_a_path`)."""
    if value.startswith(("$", "%", "{", "<", "*")) or names_a_path(value):
        return False
    return value.lower() not in _NOT_PASSWORDS


def secret_recognizers() -> list[Recognizer]:
    jwt = PatternRecognizer(
        "JWT",
        r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{0,1024}" + _TAIL,
        name="jwt",
        shapes=("text",),
        score=0.95,
        anchors=("eyJ",),
        validator=is_jwt,
        word_boundary=True,
    )
    pem = PatternRecognizer(
        "PRIVATE_KEY",
        r"-----BEGIN (?P<kind>(?:[A-Z0-9]+ ){0,3})PRIVATE KEY-----"
        r"[\s\S]{16,16384}?-----END (?P=kind)PRIVATE KEY-----",
        name="pem_private_key",
        shapes=("text",),
        score=1.0,
        anchors=("-----BEGIN",),
        validated=True,
    )
    bearer = PatternRecognizer(
        "OAUTH_TOKEN",
        r"(?:Bearer|bearer|BEARER)\s+(?P<tok>[A-Za-z0-9\-._~+/]{16,4096}=*)",
        name="bearer_token",
        shapes=("text",),
        group="tok",
        score=0.85,
        anchors=("earer", "EARER"),
    )
    oauth_field = ContextRecognizer(
        "OAUTH_TOKEN",
        words=("access_token", "refresh_token", "id_token", "access token", "refresh token", "auth_token"),
        shape=r"""["']?\s*[:=]\s*["']?(?P<tok>[A-Za-z0-9\-._~+/]{16,4096}=*)""",
        source="pattern",
        name="oauth_token_field",
        score_with=0.85,
    )
    aws_secret = ContextRecognizer(
        "API_KEY",
        words=("aws_secret_access_key", "secret access key", "aws secret", "secretaccesskey"),
        shape=r"""["']?\s*[:=]\s*["']?(?P<tok>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])""",
        source="pattern",
        name="api_key:aws_secret",
        score_with=0.9,
    )
    password_field = ContextRecognizer(
        "DATABASE_PASSWORD",
        words=("password", "passwd", "db_pass", "pwd"),
        shape=r"""["']?\s*[:=]\s*["']?(?P<tok>[^\s"'`,;(){}\[\]<>]{6,128})(?=["'`]|[\s,;]|$)""",
        source="pattern",
        name="password_field",
        score_with=0.7,
        validator=_may_be_password,
    )
    return [
        _api("aws", r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}", ("AKIA", "ASIA", "ABIA", "ACCA")),
        _api("github", r"gh[pousr]_[A-Za-z0-9]{36}", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
        _api("github_pat", r"github_pat_[A-Za-z0-9_]{82}", ("github_pat_",)),
        _api("stripe", r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247}", ("k_live_", "k_test_")),
        _api("slack", r"xox[abposr]-[A-Za-z0-9-]{10,250}", ("xox",), score=0.9),
        _api("google", r"AIza[0-9A-Za-z_-]{35}", ("AIza",), score=0.9),
        _api(
            "openai",
            r"sk-(?:proj-|svcacct-|admin-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,256}",
            ("sk-",),
            score=0.85,
            validator=_mixed,
        ),
        aws_secret,
        jwt,
        bearer,
        oauth_field,
        pem,
        ConnectionStringRecognizer(),
        password_field,
    ]


# Words that follow "password:" in prose and code but are not passwords.
_NOT_PASSWORDS = frozenset(
    {"required", "optional", "string", "none", "null", "true", "false", "hidden", "password", "redacted",
     "changeme?", "undefined", "reset", "expired", "invalid", "incorrect", "masked", "secret"}
)  # fmt: skip
