"""The public API is a contract: pinned names, light imports, no cycles, typed."""

from __future__ import annotations

import concurrent.futures
import importlib
import os
import pkgutil
import subprocess
import sys

import pytest

import mask_core

EXPECTED = {
    "BUILTIN_ENTITIES", "AuditEvent", "AuditSink", "Category", "DecodeNotAllowedError", "DecodePolicy", "Entity", "FormatError",
    "InvalidInputError", "Keyring", "MaskClient", "MaskConfigurationError", "MaskError", "MaskSettings",
    "MemoryVault", "MissingDependencyError", "PatternRecognizer", "Recognizer", "ScanError", "Scanner",
    "TokenError", "TokenNotFoundError", "TokenSpaceExhaustedError", "Tokenized", "UnknownEntityTypeError",
    "UnsupportedTypeError", "ValueTooLargeError", "Vault", "VaultError", "VaultFullError",
    "VaultIntegrityError", "VaultUnavailableError", "adecode", "adeep_decode", "adeep_encode",
    "adetokenize_text", "aencode", "atokenize_text",
    "audit_context", "decode", "deep_decode", "deep_encode", "detokenize_text", "encode",
    "generate_key", "get_default_client", "reset_default_client",
    "set_default_client", "tokenize_text",
    # framework adapters and streaming
    "MaskedToolError", "StreamDetokenizer", "ToolCallRefusedError", "ToolGuard",
    # keys and audit
    "AuditLogger", "KeyProviderError",
    # -- firewall
    "Firewall", "FirewallBlockedError", "FirewallResult", "Policy", "PolicyError", "PolicyFile",
}  # fmt: skip


def test_all_is_pinned() -> None:
    assert set(mask_core.__all__) == EXPECTED
    for name in mask_core.__all__:
        assert hasattr(mask_core, name), name


def test_the_original_names_are_aliases_outside_all() -> None:
    assert mask_core.deep_encode_pii is mask_core.deep_encode
    assert mask_core.scan_and_tokenize is mask_core.tokenize_text
    assert mask_core.adeep_encode_pii is mask_core.adeep_encode
    assert mask_core.ascan_and_tokenize is mask_core.atokenize_text
    assert not set(mask_core._ALIASES) & set(mask_core.__all__)


def test_client_methods_and_async_twins() -> None:
    sync = ["encode", "decode", "scan", "tokenize_text", "detokenize_text", "deep_encode", "deep_decode"]
    for name in sync:
        assert callable(getattr(mask_core.MaskClient, name))
        assert callable(getattr(mask_core.MaskClient, "a" + name))
    assert mask_core.MaskClient.scan_and_tokenize is mask_core.MaskClient.tokenize_text
    assert mask_core.MaskClient.deep_encode_pii is mask_core.MaskClient.deep_encode


@pytest.mark.slow  # a fresh interpreter per module
def test_import_is_light_and_every_module_imports_alone() -> None:
    heavy = [
        "redis",
        "boto3",
        "pymemcache",
        "spacy",
        "presidio_analyzer",
        "langchain_core",
        "llama_index",
        "google.adk",
        "fastapi",
        "httpx",
        "typer",
        # the CLI and key-provider SDKs are extras too
        "rich",
        "hvac",
        "azure",
        "botocore",
        "moto",
        "yaml",  # -- firewall: the policy extra loads only with a YAML policy
        "sqlalchemy",
        "prometheus_client",
    ]
    code = f"import mask_core, sys; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
    # Each module imports on its own in a fresh interpreter: no import cycles hide behind the root.
    modules = [
        m.name for m in pkgutil.walk_packages(mask_core.__path__, "mask_core.") if ".testing" not in m.name
    ]
    assert len(modules) > 20
    # One fresh interpreter per module (parallel; bytecode caching on, so each compiles modules once).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def import_alone(module: str) -> tuple[str, int, str]:
        code = f"import importlib; importlib.import_module({module!r})"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        return module, done.returncode, done.stderr[-2000:]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        failed = [r for r in pool.map(import_alone, modules) if r[1] != 0]
    assert not failed, failed


def test_subpackages_are_not_shadowed_by_root_names() -> None:
    import mask_core.scan.ner as ner  # a root-level function named like a subpackage would break this
    import mask_core.vault.memory as memory

    assert ner.__name__ == "mask_core.scan.ner" and memory.__name__ == "mask_core.vault.memory"


def test_py_typed_is_shipped() -> None:
    import importlib.resources

    assert (importlib.resources.files("mask_core") / "py.typed").is_file()


def test_errors_module_draws_the_tree() -> None:
    doc = importlib.import_module("mask_core.errors").__doc__ or ""
    for name in ("MaskError", "TokenNotFoundError", "VaultUnavailableError", "MaskConfigurationError"):
        assert name in doc


def test_module_functions_take_exactly_the_client_methods_parameters() -> None:
    # The module-level functions call the default client; a parameter added to a method and not to
    # its function (or the other way round) would silently be unavailable at module level.
    import inspect

    from mask_core import _default

    checked = 0
    for name in _default.__all__:
        method = getattr(mask_core.MaskClient, name, None)
        if method is None:
            continue  # get_default_client and its siblings manage the default client itself
        function = getattr(_default, name)
        want = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
        got = list(inspect.signature(function).parameters.values())
        assert [(p.name, p.kind, p.default) for p in got] == [(p.name, p.kind, p.default) for p in want], name
        assert inspect.iscoroutinefunction(function) == inspect.iscoroutinefunction(method), name
        checked += 1
    assert checked >= 15


def test_public_classes_are_named_from_the_package_root() -> None:
    import pickle

    assert repr(mask_core.TokenNotFoundError) == "<class 'mask_core.TokenNotFoundError'>"
    assert mask_core.Scanner.__module__ == "mask_core"
    restored = pickle.loads(pickle.dumps(mask_core.TokenNotFoundError("a token is unknown")))
    assert type(restored) is mask_core.TokenNotFoundError


def test_annotated_public_classes_keep_a_module_their_annotations_resolve_in() -> None:
    import inspect
    import typing

    for name in mask_core.__all__:
        obj = getattr(mask_core, name)
        if inspect.isclass(obj) and obj.__module__ == "mask_core":
            typing.get_type_hints(obj)  # a NameError here: a renamed module hides an annotation's name
