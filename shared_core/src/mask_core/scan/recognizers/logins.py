r"""A person's login name where machines write it: home directories, web access logs, auth logs.

A tool that reads logs, runs commands or reports a crash hands on lines like these, and each names
the person who ran them:

* a home directory: ``/home/ihalvorsen/app/main.py``, ``/Users/jsmith/Library``,
  ``C:\Users\ihalvorsen\Documents`` (a traceback, a ``pwd``, a file listing);
* the authenticated user of a web server's access log (Common and Combined Log Format:
  ``10.1.2.3 - ihalvorsen [10/Oct/2023:13:55:36 -0700] "GET / HTTP/1.1" 200 2326``);
* the user of an sshd, sudo or PAM line: ``Accepted publickey for ihalvorsen from``, ``Invalid user
  jsmith from``, ``session opened for user ihalvorsen``, ``sudo: ihalvorsen : TTY=pts/0``;
* the user of a remote login: ``ssh ihalvorsen@build-01.internal``, ``scp f.pdf jsmith@files.acme.com:
  /tmp/``, ``git@github.com:acme/repo.git`` (:func:`remote_login`): ``user@host`` after a command that
  logs in, or with a path after a colon, is no e-mail address, and its host names a machine, not a
  person, so only the user is protected.

The login is ``USERNAME``, so the mention step protects it wherever else the same text repeats it.
The accounts a system creates for itself (``root``, ``www-data``, CI runners' ``runner``, Windows'
``Public``) name nobody and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.gates import Literals
from mask_core.scan.recognizer import PatternRecognizer
from mask_core.scan.view import ScanView
from mask_core.types import Entity, Recognizer

__all__ = ["login_recognizers", "remote_login"]

# The accounts systems and images create (no person's): what a home directory or a log line shows
# for a service, a CI job or a cloud image's default user.
_SYSTEM_ACCOUNTS = frozenset(
    """root admin administrator guest nobody daemon bin sys sync games man lp mail news uucp proxy
    www-data backup list irc gnats systemd-network systemd-resolve syslog messagebus sshd postgres
    mysql redis nginx apache httpd git jenkins runner ubuntu debian centos ec2-user azureuser vagrant
    docker app user node circleci travis buildkite gitlab-runner public default shared
    defaultuser0 all""".split()  # noqa: SIM905
)
_LOGIN = r"[A-Za-z0-9_][A-Za-z0-9._-]{0,31}"
_LOGIN_RE = re.compile(_LOGIN)
_CLF_PREFIX_MAX = 512
# A CLF time: "[10/Oct/2023:13:55:36 -0700]", the bracket opening it first.
_CLF_TIME = re.compile(r"\[[0-3]\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] \"")
# After the login, what ends a path's segment or a log field.
_SEGMENT_END = r"""(?=[\\/"'\s:,;)\]]|$)"""


def _personal(login: str) -> bool:
    return login.lower() not in _SYSTEM_ACCOUNTS and not login.isdigit()


# A command that logs in to another machine right before the login, with its options between
# (``ssh -i key.pem -p 2222 ``), also continued over lines as scripts and READMEs write long ones
# (``ssh -i key.pem \`` then the login on the next line); a sentence that names such a command is not
# one (``ssh to the box, then mail ingrid@acme.io``).
_GAP = r"(?:[ \t]|\\\r?\n)+"
_REMOTE_COMMAND = re.compile(
    r"(?:^|[\s;|&$>(`'\"])(?:ssh|sftp|mosh|ssh-copy-id|autossh)"
    rf"(?:{_GAP}-[A-Za-z][\w=.,:/-]*(?:{_GAP}[^\s@\\-][^\s@]*)?)*{_GAP}$"
)
_REMOTE_REACH = 160
_USER_BEFORE = re.compile(rf"(?<![\w.@-]){_LOGIN}$")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")


def remote_login(text: str, start: int, end: int) -> bool:
    """Whether the ``user@host`` at ``start:end`` is a remote login, not an e-mail address: a path
    follows it after a colon (``git@github.com:acme/repo.git``, ``jsmith@files.acme.com:/tmp/``), or
    a command that logs in opens its line (``ssh ihalvorsen@build-01.internal``)."""
    if _path_after(text, end):
        return True
    return (
        _command_before(text, start)
        and _REMOTE_COMMAND.search(text, max(0, start - _REMOTE_REACH), start) is not None
    )


# A path after a host and its colon: absolute, home-relative, or a relative path with a slash or a
# repository's ``.git`` (``:/tmp/``, ``:~/backups``, ``:acme/repo.git``). Anything else after a colon
# (``ingrid@acme.io:login failed``) leaves an e-mail address whole: read as a login, its domain would
# stay in clear.
_PATH = re.compile(r":(?:[/~]|[\w.-]+/|[\w.-]+\.git(?![\w-]))")


def _path_after(text: str, end: int) -> bool:
    return _PATH.match(text, end) is not None


def _command_before(text: str, pos: int) -> bool:
    """A C-speed look for the commands' letters before ``pos``: most "@"s of a text have none."""
    reach = max(0, pos - _REMOTE_REACH)
    return any(text.find(word, reach, pos) != -1 for word in ("ssh", "sftp", "mosh"))


class RemoteLoginRecognizer:
    """The user of a remote login (:func:`remote_login`); a system's own account names nobody."""

    name = "remote_login"
    entity_types: tuple[str, ...] = ("USERNAME",)
    shapes = frozenset({"text"})
    scan_gate = Literals({"@"})

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if not view.has_at:
            return
        text = view.text
        at = -1
        while (at := text.find("@", at + 1)) != -1:
            # Read around the "@" here rather than from the e-mail candidates: a host may be an IP
            # address or a name without a dot (``ssh ingrid@10.1.2.3``, ``ssh deploy@db1``).
            host = _HOST.match(text, at + 1)
            if host is None or not (_path_after(text, host.end()) or _command_before(text, at)):
                continue  # an e-mail address or a handle: no login is read here
            user = _USER_BEFORE.search(text, max(0, at - 33), at)
            if user is not None and remote_login(text, user.start(), host.end()) and _personal(user.group()):
                yield Entity("USERNAME", user.start(), at, 0.8, user.group(), self.name)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


class AccessLogUserRecognizer:
    """The authenticated user of a Common or Combined Log Format line: its third field, before the
    bracketed time (``host ident authuser [10/Oct/2023:13:55:36 -0700]``; ``-`` when there is none).

    The time is what the scan looks for (it starts with a literal, so ``re`` finds it at C speed);
    the line's three fields before it are read from there."""

    name = "access_log_user"
    entity_types: tuple[str, ...] = ("USERNAME",)
    shapes = frozenset({"text"})
    scan_gate = Literals({'] "'})

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for m in _CLF_TIME.finditer(text):
            # The three fields before the time are short: a look back to the line's start per match
            # would make a long line of times quadratic.
            reach = max(0, m.start() - _CLF_PREFIX_MAX)
            line_start = text.rfind("\n", reach, m.start()) + 1
            if line_start == 0 and reach > 0:
                continue  # more than a host, an ident and a user before the time
            fields = text[line_start : m.start()].split(" ")
            # host ident authuser, then the space before the bracket
            if len(fields) != 4 or fields[3] or not _LOGIN_RE.fullmatch(fields[2]):
                continue
            login = fields[2]
            if _personal(login):
                end = m.start() - 1
                yield Entity("USERNAME", end - len(login), end, 0.8, login, self.name)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def login_recognizers() -> list[Recognizer]:
    common = {"group": "tok", "score": 0.8, "validator": _personal, "shapes": ("text",)}
    home = PatternRecognizer(
        "USERNAME",
        re.compile(rf"/(?<![\w.~-]/)(?:home|Users)/(?P<tok>{_LOGIN}){_SEGMENT_END}"),
        name="home_directory",
        anchors=("/home/", "/Users/"),
        **common,  # type: ignore[arg-type]
    )
    windows_home = PatternRecognizer(
        "USERNAME",
        # C:\Users\name, C:/Users/name, and the doubled backslashes of a JSON string.
        re.compile(rf":(?<=[A-Za-z]:)(?:\\{{1,2}}|/)Users(?:\\{{1,2}}|/)(?P<tok>{_LOGIN}){_SEGMENT_END}"),
        name="home_directory_windows",
        anchors=("\\Users", ":/Users"),
        **common,  # type: ignore[arg-type]
    )
    auth_log = PatternRecognizer(
        "USERNAME",
        re.compile(
            r"(?:Accepted [a-z/-]{4,32} for (?:invalid user )?|Failed [a-z/-]{4,32} for (?:invalid user )?"
            r"|Invalid user |invalid user |session (?:opened|closed) for user |sudo: +|su: \(to \w+\) )"
            rf"(?P<tok>{_LOGIN})(?= from | : | on | by |\(uid|$)",
            re.MULTILINE,
        ),
        name="auth_log_user",
        anchors=("Accepted ", "Failed ", "nvalid user ", " for user ", "sudo:", "su: ("),
        **common,  # type: ignore[arg-type]
    )
    return [home, windows_home, AccessLogUserRecognizer(), auth_log, RemoteLoginRecognizer()]
