"""PolicyFile: reload on change, keep the last good policy on a bad edit, never drop a request."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import pytest

from mask_core import MaskClient
from mask_core.errors import PolicyError
from mask_core.policy import Firewall, PolicyFile

SSN = "536-22-8745"
REDACT = "firewall:\n  stages:\n    - name: s\n      config: {entity_types: [ssn], action: redact}\n"
MASK = "firewall:\n  stages:\n    - name: s\n      config: {entity_types: [ssn], action: mask}\n"


def _write(path: Path, text: str) -> None:
    """Atomic replace, as deployment tools do (write a temp file, rename over)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def test_a_bad_file_fails_at_start(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("firewall:\n  stages:\n    - name: s\n      config: {action: nope}\n")
    with pytest.raises(PolicyError, match=r"p\.yaml:4:.*firewall\.stages\[0\]\.config\.action"):
        PolicyFile(path)


def test_reload_swaps_and_a_bad_edit_keeps_the_last_good_policy(
    tmp_path: Path, client: MaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(REDACT)
    source = PolicyFile(path)
    fw = Firewall(source, client=client)
    assert fw.apply(SSN, stage="s").text == "[SSN]"
    assert source.reload() is False  # unchanged file: nothing to do
    _write(path, MASK)
    assert source.reload() is True
    assert fw.apply(SSN, stage="s").text == "XXX-XX-XXXX"
    with caplog.at_level(logging.ERROR, logger="mask_core.policy"):
        _write(path, MASK.replace("mask}", "scramble}"))
        assert source.reload() is False
    assert fw.apply(SSN, stage="s").text == "XXX-XX-XXXX"  # still the last good policy
    assert source.error is not None and "p.yaml:4:" in str(source.error)
    assert any("not reloaded" in r.message for r in caplog.records)
    _write(path, REDACT)
    assert source.reload() is True and source.error is None
    assert fw.apply(SSN, stage="s").text == "[SSN]"
    assert source.reloads == 2 and source.failed_reloads == 1


def test_the_watcher_picks_up_edits(tmp_path: Path, client: MaskClient) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(REDACT)
    with PolicyFile(path, interval=0.02) as source:
        fw = Firewall(source, client=client)
        path.write_text(MASK)  # in place, not atomic: the watcher must still see it
        deadline = time.monotonic() + 5
        while fw.apply(SSN, stage="s").text != "XXX-XX-XXXX":
            assert time.monotonic() < deadline, "the watcher did not reload"
            time.sleep(0.01)


@pytest.mark.slow  # thousands of requests against a file rewritten meanwhile
def test_no_request_fails_or_mixes_policies_under_concurrent_reloads(
    tmp_path: Path, client: MaskClient
) -> None:
    """Eight threads apply the firewall while the file flips between two policies, half of the
    writes in place (so readers can meet half-written files). Every call must succeed and its
    output must come entirely from one policy or the other."""
    path = tmp_path / "p.yaml"
    path.write_text(REDACT)
    source = PolicyFile(path, interval=0.001).start()
    fw = Firewall(source, client=client)
    text = f"a {SSN} b {SSN} c"
    allowed = {"a [SSN] b [SSN] c", "a XXX-XX-XXXX b XXX-XX-XXXX c"}
    errors: list[BaseException] = []
    outputs: set[str] = set()
    stop = threading.Event()

    def worker() -> None:
        try:
            while not stop.is_set():
                outputs.add(fw.apply(text, stage="s").text)
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    try:
        for i in range(200):
            body = MASK if i % 2 == 0 else REDACT
            if i % 4 < 2:
                _write(path, body)
            else:
                path.write_text(body)
            time.sleep(0.002)
    finally:
        stop.set()
        for t in threads:
            t.join()
        source.stop()
    assert not errors, errors[:3]
    assert outputs == allowed
    assert source.reloads > 10
