"""Login names where machines write them: home directories, web access logs, sshd, sudo and PAM."""

from __future__ import annotations

import json

import pytest

from mask_core import MaskClient, MemoryVault


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ('Traceback (most recent call last):\n  File "/home/ihalvorsen/app/main.py", line 3', "ihalvorsen"),
        ("ls: cannot open directory '/home/ihalvorsen'", "ihalvorsen"),
        ("/Users/jsmith/Library/Logs/DiagnosticReports", "jsmith"),
        ("C:\\Users\\ihalvorsen\\Documents\\report.docx", "ihalvorsen"),
        ("C:/Users/ihalvorsen/AppData", "ihalvorsen"),
        (json.dumps({"cwd": "C:\\Users\\j.doe-42\\src"}), "j.doe-42"),
        (
            '10.1.2.3 - ihalvorsen [10/Oct/2023:13:55:36 -0700] "GET /index.html HTTP/1.1" 200 2326',
            "ihalvorsen",
        ),
        (
            "Dec  7 09:14:02 bastion sshd[811]: Accepted publickey for ihalvorsen from 10.0.0.5 port 52144",
            "ihalvorsen",
        ),
        ("sshd[812]: Failed password for invalid user jdoe from 203.0.113.9 port 22 ssh2", "jdoe"),
        ("sshd[813]: Invalid user jdoe from 203.0.113.9 port 22", "jdoe"),
        ("pam_unix(sshd:session): session opened for user ihalvorsen(uid=1000) by (uid=0)", "ihalvorsen"),
        ("sudo: ihalvorsen : TTY=pts/0 ; PWD=/home/ihalvorsen ; USER=root ; COMMAND=/bin/ls", "ihalvorsen"),
        # A remote login: the user, not an e-mail address; hosts written as names, IPs, or bare names.
        ("$ ssh ihalvorsen@build-01.internal", "ihalvorsen"),
        ("ssh -o StrictHostKeyChecking=no -J bastion ingrid@10.1.2.3 uptime", "ingrid"),
        ("scp report.pdf jsmith@files.acme.com:/tmp/", "jsmith"),
        ("rsync -az ./out ihalvorsen@10.0.0.7:/srv/app", "ihalvorsen"),
        # A command continued over lines, as scripts and READMEs write long ones.
        ("ssh -i ~/.ssh/deploy.pem \\\n    -p 2222 \\\n    ingrid@10.1.2.3 uptime", "ingrid"),
        ("ssh \\\r\n  ihalvorsen@build-01", "ihalvorsen"),
    ],
)
def test_a_login_in_a_machine_s_line_is_protected_and_restored(
    client: MaskClient, text: str, login: str
) -> None:
    assert ("USERNAME", login) in [(e.entity_type, e.text) for e in client.scan(text)]
    safe = client.tokenize_text(text)
    assert login not in safe
    assert client.detokenize_text(safe) == text


@pytest.mark.parametrize(
    "text",
    [
        "/home/runner/work/mask/mask/tests",  # a CI runner's account
        "cd /root && ls /home/",  # root, and no login after the slash
        "C:\\Users\\Public\\Desktop",  # Windows' shared profile
        "see ./docs/home/index.md and /homework/answers",  # not a home directory
        '10.1.2.4 - - [10/Oct/2023:13:55:37 -0700] "GET / HTTP/1.1" 200 1',  # no authenticated user
        "sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2",
        "sudo: www-data : command not allowed",
        "git clone git@github.com:acme/repo.git",  # a remote's system account: no e-mail either
        "ssh -i key.pem ubuntu@10.0.0.5",
    ],
)
def test_system_accounts_and_look_alikes_stay_as_they_are(client: MaskClient, text: str) -> None:
    assert [e for e in client.scan(text) if e.entity_type == "USERNAME"] == []


def test_a_shell_s_working_directory_is_no_password(client: MaskClient) -> None:
    # "PWD" names a password in some configs and the working directory in every shell.
    text = "PWD=/home/ihalvorsen/src ; USER=root"
    assert [e.entity_type for e in client.scan(text)] == ["USERNAME"]
    record = {"pwd": "/home/ihalvorsen/src", "password": "Xk9!pq2z"}
    safe = client.deep_encode(record)
    assert safe["pwd"].startswith("/home/USERNAME_") and safe["pwd"].endswith("/src")
    assert safe["password"] != record["password"] and client.deep_decode(safe) == record


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("$ ssh ihalvorsen@build-01.internal", "build-01.internal"),
        ("git clone git@github.com:acme/repo.git", "git@github.com:acme/repo.git"),
        ("scp report.pdf jsmith@files.acme.com:/tmp/", "@files.acme.com:/tmp/"),
    ],
)
def test_a_remote_login_is_no_e_mail_address_and_its_host_stays_readable(
    client: MaskClient, text: str, host: str
) -> None:
    assert "EMAIL_ADDRESS" not in [e.entity_type for e in client.scan(text)]
    assert host in client.tokenize_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Write to bob@acme.com: he answers fast",  # a colon and a space end a sentence's address
        "ssh to the box, then mail ingrid@acme.io",  # a sentence that names the command
        "mailto:ingrid@acme.io?subject=refund",
        "2024-03-15 user ingrid@acme.io:login failed",  # no path after the colon: the address whole
        "ssh -v \\\nWrite to bob@acme.com for access",  # a continued command, then a sentence
    ],
)
def test_an_e_mail_address_near_a_colon_or_the_word_ssh_is_still_one(client: MaskClient, text: str) -> None:
    assert "EMAIL_ADDRESS" in [e.entity_type for e in client.scan(text)]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Profile: https://www.linkedin.com/in/asuka.nakamura", "asuka.nakamura"),
        ("code at https://github.com/ihalvorsen/", "ihalvorsen"),
        ("https://x.com/megan_salazar/status/1790012345", "megan_salazar"),
        ("her channel youtube.com/@suzie55 has", "suzie55"),
        ("https://www.instagram.com/zyx.quorve?igsh=abc", "zyx.quorve"),
    ],
)
def test_the_handle_in_a_link_to_a_social_profile_is_a_login(text: str, handle: str) -> None:
    client = MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault())
    assert [(e.entity_type, e.text) for e in client.scan(text) if e.entity_type == "USERNAME"] == [
        ("USERNAME", handle)
    ]
    safe = client.tokenize_text(text)
    assert handle not in safe and client.detokenize_text(safe) == text


@pytest.mark.parametrize(
    "text",
    [
        "https://github.com/acme/widgets/issues/12",  # an owner before a repository: an organisation's too
        "https://twitter.com/home and https://www.facebook.com/profile.php?id=1",
        "https://www.linkedin.com/in/ is the prefix",
        "https://github.com/features/actions",
    ],
)
def test_a_social_site_s_own_pages_hold_no_handle(text: str) -> None:
    client = MaskClient(tenant="t", master_key=b"k" * 32, vault=MemoryVault())
    assert [e.text for e in client.scan(text) if e.entity_type == "USERNAME"] == []
