r"""A person's account in prose: login names, passwords and one-time codes.

Support tools, password-reset flows and SMS inboxes return sentences, not records: "Your username is
ihalvorsen and your temporary password is Xk9!pq2z", "482913 is your Acme verification code". A record
types such values by its keys (``fields/vocabulary.py``: ``username``, ``login``, ``password``,
``otp``); here their words do:

* ``USERNAME`` right after "username", "user name", "login name" or "screen name" and ``is`` or a
  colon: a login name (letters, digits, ``.``, ``_``, ``-``), not a word that describes one ("your
  username is case-sensitive"); and right after "user", "customer", "member", "account" or "login"
  when it is written as no word is (``user megan.salazar logged in``, ``customer jsalazar88``);
* ``PASSWORD`` after "password is" / "passcode is" when the value reads as a secret (a digit, a
  symbol or a capital inside it: "Your password is incorrect" is a sentence). ``password: value``
  and ``password=value`` are the secrets recognizer's ``DATABASE_PASSWORD``;
* ``PASSWORD`` for one-time codes: 4-8 digits after "verification code", "one-time code", "login
  code", "OTP", "your code" ..., or before "is your ... code" (the layout of SMS codes);
* ``USERNAME`` for the handle in a link to a social profile (``linkedin.com/in/asuka.nakamura``,
  ``github.com/ihalvorsen``, ``x.com/megan_salazar/status/...``, ``youtube.com/@suzie55``): the
  link is kept, its handle protected. A GitHub or GitLab handle only at the link's end: an owner
  before a repository's name is as often an organisation's;
* ``USERNAME`` for a social handle (``@megan_salazar``, ``thanks @Suzie55!``): the part after the
  ``@``, so the text keeps it. Not an e-mail address's or a package scope's ``@`` (a character before
  it), a decorator (``@property`` on a line of its own, ``@app.route(...)``), a doc comment's tag
  (``* @param``), a CSS at-rule or a chat's ``@here``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.gates import Literals, Words
from mask_core.scan.recognizer import PatternRecognizer
from mask_core.scan.view import ScanView, word_gate
from mask_core.types import Entity, Recognizer

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


# Twitter's, GitHub's, Slack's and Mastodon's handles: letters, digits, "_" (and "-" inside).
_HANDLE = re.compile(r"@(?P<tok>[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,37}[A-Za-z0-9_])?)(?![\w@-]|\.\w|/)")
# What the character before an "@" makes of it: an e-mail address (a letter), a package scope or a
# path ("/", "\\"), a version ("pkg@1.2"), an SSH target ("git@host").
_NOT_BEFORE_HANDLE = frozenset("_.@/\\-+:=&%$#'`\"")
# How far around an "@" its line is read (an indent, a comment's "* ", a decorator's arguments).
_LINE_LOOK = 64
# What makes "@name" a SQL variable: an assignment or comparison, or T-SQL's verbs before it.
_SQL_VARIABLE = re.compile(r"(?:[=<>]|\b(?i:declare|set|exec|execute|output|print))[ \t]*$")
# Words after an "@" that are no one's handle, hand-written because no library lists them: doc
# comments' tags (JSDoc, Javadoc, Doxygen), CSS and Sass at-rules, and chats' group mentions.
_NOT_HANDLES = frozenset(
    """param params arg argument returns return throws throw exception see since author version
    deprecated example link linkplain type typedef property prop callback template inheritdoc
    override internal private public protected readonly async module namespace memberof fires event
    todo note brief details file class constructor function method const enum interface implements
    extends augments abstract static default name global ignore instance kind lends license
    copyright mixes requires summary this tutorial variation yields satisfies code value literal
    media import font-face keyframes supports charset page layer tailwind apply container
    counter-style viewport mixin include extend use forward each if else for while debug warn error
    content at-root here channel everyone all group latest next""".split()  # noqa: SIM905
)


_LOGIN_NOUNS = ("user", "customer", "member", "account", "login")
# As sentences and log lines write them (a search of the text itself: no lower-cased copy needed).
_LOGIN_NOUNS_AS_WRITTEN = (*_LOGIN_NOUNS, *(n.capitalize() for n in _LOGIN_NOUNS))
_NOUN_WORD = {n: n.lower().encode() for n in _LOGIN_NOUNS_AS_WRITTEN}
_LOGIN_AFTER_NOUN = re.compile(
    r"""[ \t]+["'`]?(?P<tok>[a-z][a-z0-9]{0,30}(?:[._-][a-z0-9]+){0,3}[0-9]*)(?![\w@]|\.\w|-\w)"""
)
# A login's last dot-part that makes it a file or a host name instead (``page_2.html``, ``acme.com``).
_NOT_LOGIN_ENDINGS = frozenset(
    """com org net io co edu gov uk de no html htm json txt csv py js ts md pdf png jpg gif xml yml
    yaml log zip gz sh exe dll""".split()  # noqa: SIM905
)


# A social profile's link and the handle in it (``_profile_handle`` leaves out the sites' own pages).
_HANDLE_CHARS = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?"
_PROFILE = re.compile(
    r"(?<![\w.-])(?:www\.|m\.|mobile\.|[a-z]{2}\.)?"
    r"(?:(?:linkedin\.com/(?:in|pub)|twitter\.com|x\.com|instagram\.com|facebook\.com|t\.me|"
    r"reddit\.com/u(?:ser)?|youtube\.com/(?:c|user))/"
    rf"|(?:tiktok\.com|medium\.com|youtube\.com|threads\.net)/@)(?P<tok>{_HANDLE_CHARS})(?![\w.-])"
    rf"|(?<![\w.-])(?:www\.)?(?:github|gitlab)\.com/(?P<code>{_HANDLE_CHARS})/?(?![\w./-])"
)
_PROFILE_HOSTS = (
    "linkedin.com", "twitter.com", "x.com/", "instagram.com", "facebook.com", "t.me/", "reddit.com",
    "youtube.com", "tiktok.com", "medium.com", "threads.net", "github.com", "gitlab.com",
)  # fmt: skip
# The sites' own pages under the same paths: no one's handle.
_SITE_PAGES = frozenset(
    """about features pricing login logout signup join settings orgs organizations topics explore
    marketplace search home share sharer intent hashtag i sponsors enterprise notifications pages groups
    events watch help privacy terms policies policy jobs careers company school feed messages dialog p
    reel reels stories accounts tv legal blog status security contact support developers apps new
    trending collections readme features site shorts results channel playlist embed""".split()  # noqa: SIM905
)


def _profile_handles(view: ScanView) -> Iterator[Entity]:
    """The handles in links to social profiles (see the module docstring)."""
    text = view.text
    for m in _PROFILE.finditer(text):
        group = "tok" if m.group("tok") is not None else "code"
        handle = m.group(group)
        if handle.lower() in _SITE_PAGES or handle.rpartition(".")[2] in ("php", "html", "htm"):
            continue  # the site's own page (``profile.php``)
        yield Entity("USERNAME", m.start(group), m.end(group), 0.85, handle, "profile_link")


class ProfileLinkRecognizer:
    """Handles in links to social profiles (see the module docstring)."""

    name = "profile_link"
    entity_types: tuple[str, ...] = ("USERNAME",)
    shapes = frozenset({"text"})
    # Every profile's link has one of these after its host: three searches open the gate, and the
    # hosts are looked for only then.
    scan_gate = Literals({".com/", "t.me/", ".net/"})

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if view.has_any(_PROFILE_HOSTS):
            yield from _profile_handles(view)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


class HandleRecognizer:
    """Social handles in text (see the module docstring): the finding is the handle after the ``@``."""

    name = "social_handle"
    entity_types: tuple[str, ...] = ("USERNAME",)
    shapes = frozenset({"text"})
    scan_gate = Literals({"@"})

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for m in _HANDLE.finditer(text):
            at = m.start()
            if at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_HANDLE):
                continue
            handle = m.group("tok")
            if handle.isdigit() or handle.lower() in _NOT_HANDLES:
                continue
            if _SQL_VARIABLE.search(text, max(0, at - 12), at):
                continue
            # Only the line's last characters and the rest of the line's first: a look to the line's
            # start per "@" would make a long line of handles quadratic.
            before = text[max(0, at - _LINE_LOOK) : at].rsplit("\n", 1)[-1]
            if not before.strip(" \t*/#") and _decorates(text, m.end()):
                continue
            yield Entity("USERNAME", m.start("tok"), m.end(), 0.7, handle, self.name)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


class LoginAfterNounRecognizer:
    """A login right after "user", "customer", "member", "account" or "login", written as no word is
    (``user megan.salazar logged in``, ``customer jsalazar88 cannot log in``).

    The nouns are found with ``str.find`` (C speed, and most texts hold none of them as a word); a
    regex opening with them would try a match at nearly every letter."""

    name = "login_after_noun"
    entity_types: tuple[str, ...] = ("USERNAME",)
    shapes = frozenset({"text"})
    scan_gate = Words(word_gate(_LOGIN_NOUNS))

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text, words = view.text, view.words
        for noun in _LOGIN_NOUNS_AS_WRITTEN:
            if _NOUN_WORD[noun] not in words:  # the view's word set: most nouns are not in the text
                continue
            at = text.find(noun)
            while at >= 0:
                after = at + len(noun)
                if at == 0 or not text[at - 1].isalnum():
                    m = _LOGIN_AFTER_NOUN.match(text, after)
                    if m is not None and _reads_as_login(m.group("tok")):
                        yield Entity("USERNAME", m.start("tok"), m.end("tok"), 0.7, m.group("tok"), self.name)
                at = text.find(noun, after)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def _decorates(text: str, end: int) -> bool:
    """Whether a line-opening ``@name`` ending at ``end`` is a decorator or an annotation: nothing
    after it on its line but an argument list (a reply's handle has words after it)."""
    rest = text[end : end + _LINE_LOOK].split("\n", 1)[0].strip()
    return not rest or rest.startswith("(")


def _reads_as_login(value: str) -> bool:
    """A login as systems make them: a word with a digit, a dot, "_" or "-" in it (``jsalazar88``,
    ``megan.salazar``), 3 to 32 characters; never a plain word ("user account", "customer service"),
    a file or a host name."""
    if not 3 <= len(value) <= 32 or not any(c.isdigit() or c in "._-" for c in value):
        return False
    return "." not in value or value.rsplit(".", 1)[1] not in _NOT_LOGIN_ENDINGS


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
    return [
        username, password, code_after, code_before, HandleRecognizer(), ProfileLinkRecognizer(),
        LoginAfterNounRecognizer(),
    ]  # fmt: skip
