"""Key providers: each delivers the keyring or fails shut at start-up, and no key ever shows.

Real parts: AWS KMS is moto's server over HTTP (boto3 as in production); HashiCorp Vault is a small
local HTTP server speaking the KV v2 read API, driven by the real ``hvac`` client; Azure Key Vault is a
local HTTPS server speaking the secrets API (challenge auth included), driven by the real
``SecretClient``. Not exercised: real AWS/Vault/Azure services, Vault auth methods other than a token,
and Entra ID sign-in (``DefaultAzureCredential``), for which a static credential stands in.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from mask_core import KeyProviderError, MaskClient, MemoryVault
from mask_core.keys import Keyring, format_key, generate_key
from mask_core.keys.providers import EnvKeyProvider, FileKeyProvider, clear_provider_cache
from mask_core.keys.providers.file import write_keyring_file

KEY = generate_key()
KEY_TEXT = format_key(KEY)
#: Material that must never be echoed, even when it is wrong (too short to be a key).
BAD_KEY = "base64:" + base64.b64encode(b"sekrit-but-short").decode()


@pytest.fixture(autouse=True)
def _fresh_providers() -> Iterator[None]:
    clear_provider_cache()
    yield
    clear_provider_cache()


def assert_no_key(*outputs: object, keys: tuple[bytes, ...] = (KEY,)) -> None:
    needles = [BAD_KEY, BAD_KEY[7:]]
    for k in keys:
        needles += [format_key(k), format_key(k)[7:], k.hex(), base64.b64encode(k).decode()]
    for out in outputs:
        text = out if isinstance(out, str) else repr(out)
        for needle in needles:
            assert needle not in text, "key material leaked into an output"


def _roundtrip(client: MaskClient) -> None:
    assert client.decode(client.encode("alice.johnson@example.com")) == "alice.johnson@example.com"


# -- environment and file ---------------------------------------------------------------------------
def test_env_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_KEYRING", f"k2:{KEY_TEXT},k1:{format_key(generate_key())}")
    ring = EnvKeyProvider().load()
    assert ring.primary_id == "k2" and ring.ids == ("k2", "k1")
    monkeypatch.delenv("MASK_KEYRING")
    with pytest.raises(KeyProviderError, match="MASK_MASTER_KEY"):
        EnvKeyProvider().load()


def test_file_provider_single_key_and_keyring(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    single = tmp_path / "key"
    single.write_text(KEY_TEXT + "\n")
    single.chmod(0o600)
    assert FileKeyProvider(single).load().ids == (Keyring.from_master_key(KEY).primary_id,)

    ring = Keyring({"k1": KEY}).add(generate_key(), key_id="k2").promote("k2")
    path = tmp_path / "keyring"
    write_keyring_file(path, ring)
    assert path.stat().st_mode & 0o777 == 0o600
    loaded = FileKeyProvider(path).load()
    assert loaded.primary_id == "k2" and set(loaded.ids) == {"k1", "k2"}
    assert_no_key(repr(FileKeyProvider(path)), repr(loaded), caplog.text, path.read_text().splitlines()[0])


def test_file_readable_by_others_is_loaded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "key"
    path.write_text(KEY_TEXT)
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        FileKeyProvider(path).load()
    assert "readable by other users" in caplog.text
    assert_no_key(caplog.text)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "does not exist"),
        ("", "empty"),
        (BAD_KEY, "at least 32 bytes"),
        ("k1:" + BAD_KEY, "at least 32 bytes"),
        ("k1:not base64 !!", "base64"),
    ],
)
def test_file_provider_fails_shut_without_echoing(tmp_path: Path, content: str | None, reason: str) -> None:
    path = tmp_path / "key"
    if content is not None:
        path.write_text(content)
    with pytest.raises(KeyProviderError, match=reason) as info:
        FileKeyProvider(path).load()
    assert_no_key(str(info.value), repr(info.value), info.value.args)
    assert info.value.__cause__ is None and (
        info.value.__context__ is None or info.value.__suppress_context__
    )


def test_chosen_provider_never_falls_back_even_in_development(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("MASK_ENV", "development")
    monkeypatch.setenv("MASK_KEY_PROVIDER", "file")
    monkeypatch.setenv("MASK_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(KeyProviderError, match="does not exist"):
        MaskClient(tenant="acme")
    assert "EPHEMERAL" not in caplog.text
    monkeypatch.delenv("MASK_KEY_FILE")
    with pytest.raises(KeyProviderError, match="MASK_KEY_FILE"):
        MaskClient(tenant="acme")


def test_settings_choose_the_provider_and_it_is_shared(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "key"
    path.write_text(KEY_TEXT)
    path.chmod(0o600)
    monkeypatch.setenv("MASK_KEY_PROVIDER", "file")
    monkeypatch.setenv("MASK_KEY_FILE", str(path))
    vault = MemoryVault()
    a, b = MaskClient(tenant="acme", vault=vault), MaskClient(tenant="acme", vault=vault)
    assert a.keyring is b.keyring, "fetched once per process, not per client"
    assert b.decode(a.encode("536-22-8745", "US_SSN")) == "536-22-8745"
    path.unlink()
    assert MaskClient(tenant="acme", vault=vault).keyring is a.keyring  # cached: the file is not re-read


def test_explicit_provider_argument(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text(KEY_TEXT)
    client = MaskClient(tenant="acme", key_provider=FileKeyProvider(path), vault=MemoryVault())
    _roundtrip(client)
    assert_no_key(repr(client))


def test_unknown_provider_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from mask_core.errors import MaskConfigurationError

    monkeypatch.setenv("MASK_KEY_PROVIDER", "carrier-pigeon")
    with pytest.raises(MaskConfigurationError):
        MaskClient(tenant="acme")


# -- AWS KMS: moto's server over HTTP ------------------------------------------------------------------
@pytest.fixture(scope="module")
def moto_kms() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, moto_kms: str) -> Callable[..., Any]:
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return lambda: boto3.client("kms", endpoint_url=moto_kms, region_name="eu-west-1")


def test_aws_kms_envelope(monkeypatch: pytest.MonkeyPatch, moto_kms: str, aws_env, caplog) -> None:  # type: ignore[no-untyped-def]
    from mask_core.keys.providers.aws_kms import AwsKmsKeyProvider, generate_encrypted_key

    kms = aws_env()
    cmk = kms.create_key(Description="mask test")["KeyMetadata"]["KeyId"]
    e1 = generate_encrypted_key(cmk, "k1", region="eu-west-1", endpoint_url=moto_kms)
    e2 = generate_encrypted_key(cmk, "k2", region="eu-west-1", endpoint_url=moto_kms)
    assert e1.startswith("k1:") and len(base64.b64decode(e1[3:])) > 32

    monkeypatch.setenv("MASK_KEY_PROVIDER", "aws-kms")
    monkeypatch.setenv("MASK_KMS_ENCRYPTED_KEYS", f"{e2},{e1}")
    monkeypatch.setenv("MASK_KMS_KEY_ID", cmk)
    monkeypatch.setenv("MASK_KMS_REGION", "eu-west-1")
    monkeypatch.setenv("MASK_KMS_ENDPOINT_URL", moto_kms)
    vault = MemoryVault()
    client = MaskClient(tenant="acme", vault=vault)
    assert client.keyring.primary_id == "k2" and client.keyring.ids == ("k2", "k1")
    token = client.encode("alice.johnson@example.com")
    clear_provider_cache()  # a new process: KMS decrypts the same data keys again
    assert MaskClient(tenant="acme", vault=vault).decode(token) == "alice.johnson@example.com"
    plain = [client.keyring._key(k) for k in client.keyring.ids]
    assert_no_key(repr(client), repr(AwsKmsKeyProvider(f"{e2},{e1}")), caplog.text, keys=tuple(plain))


def test_aws_kms_failures_are_clear_and_shut(monkeypatch: pytest.MonkeyPatch, moto_kms: str, aws_env) -> None:  # type: ignore[no-untyped-def]
    from mask_core.keys.providers.aws_kms import AwsKmsKeyProvider, generate_encrypted_key

    kms = aws_env()
    cmk = kms.create_key()["KeyMetadata"]["KeyId"]
    other = kms.create_key()["KeyMetadata"]["KeyId"]
    entry = generate_encrypted_key(cmk, "k1", client=kms)
    blob = entry[3:]
    cases = [
        (f"k2:{blob}", None, "k2"),  # renamed: the encryption context binds the id
        (entry, other, "k1"),  # pinned to another KMS key
        ("k1:" + base64.b64encode(b"garbage" * 10).decode(), None, "k1"),
    ]
    for text, pinned, kid in cases:
        provider = AwsKmsKeyProvider(text, kms_key_id=pinned, client=kms)
        with pytest.raises(KeyProviderError, match=f"data key '{kid}'") as info:
            provider.load()
        assert "kms:Decrypt" in str(info.value)
    with pytest.raises(KeyProviderError, match="id:base64"):
        AwsKmsKeyProvider("k1:not base64!!")
    monkeypatch.setenv("MASK_KEY_PROVIDER", "aws-kms")
    with pytest.raises(KeyProviderError, match="MASK_KMS_ENCRYPTED_KEYS"):
        MaskClient(tenant="acme")
    # Unreachable KMS: a clear error, not a hang and not a fallback.
    provider = AwsKmsKeyProvider(entry, region="eu-west-1", endpoint_url="http://127.0.0.1:9")
    with pytest.raises(KeyProviderError, match="EndpointConnectionError"):
        provider.load()


# -- HashiCorp Vault KV v2: a local HTTP server and the real hvac client -----------------------------
class _Store:
    def __init__(self) -> None:
        self.secrets: dict[str, dict[str, Any]] = {}
        self.token = "hvs.test-token"
        self.requests: list[str] = []


def _serve(
    handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None
) -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture
def kv2() -> Iterator[tuple[str, _Store]]:
    store = _Store()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            store.requests.append(self.path)
            if self.headers.get("X-Vault-Token") != store.token:
                return self._reply(403, {"errors": ["permission denied"]})
            parts = self.path.split("?")[0].split("/")  # /v1/<mount>/data/<path...>
            if len(parts) < 5 or parts[1] != "v1" or parts[3] != "data":
                return self._reply(404, {"errors": []})
            secret = store.secrets.get(f"{parts[2]}/{'/'.join(parts[4:])}")
            if secret is None:
                return self._reply(404, {"errors": []})
            meta = {
                "created_time": "2026-01-01T00:00:00Z",
                "deletion_time": "",
                "destroyed": False,
                "version": 3,
            }
            return self._reply(200, {"request_id": "r1", "data": {"data": secret, "metadata": meta}})

    server, port = _serve(Handler)
    yield f"http://127.0.0.1:{port}", store
    server.shutdown()


def test_hashicorp_vault_kv2(monkeypatch: pytest.MonkeyPatch, kv2, caplog) -> None:  # type: ignore[no-untyped-def]
    url, store = kv2
    store.secrets["kv/mask/prod"] = {"keyring": f"k1:{KEY_TEXT}", "other": "x"}
    monkeypatch.setenv("MASK_KEY_PROVIDER", "hashicorp-vault")
    monkeypatch.setenv("MASK_HASHICORP_URL", url)
    monkeypatch.setenv("MASK_HASHICORP_TOKEN", store.token)
    monkeypatch.setenv("MASK_HASHICORP_MOUNT", "kv")
    monkeypatch.setenv("MASK_HASHICORP_PATH", "mask/prod")
    client = MaskClient(tenant="acme", vault=MemoryVault())
    assert client.keyring.ids == ("k1",)
    _roundtrip(client)
    assert store.requests == ["/v1/kv/data/mask/prod"]
    from mask_core.keys.providers import provider_from_settings
    from mask_core.settings import get_settings

    provider = provider_from_settings(get_settings())
    assert_no_key(repr(client), repr(provider), caplog.text)
    assert store.token not in repr(provider)


@pytest.mark.parametrize(
    ("secret", "token", "match"),
    [
        (None, "hvs.test-token", "InvalidPath"),
        ({"keyring": "x"}, "wrong", "Forbidden"),
        ({"other": "x"}, "hvs.test-token", "no text field 'keyring'"),
        ({"keyring": BAD_KEY}, "hvs.test-token", "at least 32 bytes"),
    ],
)
def test_hashicorp_vault_fails_shut(kv2, secret, token, match) -> None:  # type: ignore[no-untyped-def]
    from mask_core.keys.providers.hashicorp_vault import HashiCorpVaultKeyProvider

    url, store = kv2
    if secret is not None:
        store.secrets["secret/mask/keys"] = secret
    provider = HashiCorpVaultKeyProvider(url=url, token=token)
    with pytest.raises(KeyProviderError, match=match) as info:
        MaskClient(tenant="acme", key_provider=provider)
    assert_no_key(str(info.value), repr(info.value))
    assert token not in str(info.value)


def test_hashicorp_vault_unreachable() -> None:
    from mask_core.keys.providers.hashicorp_vault import HashiCorpVaultKeyProvider

    provider = HashiCorpVaultKeyProvider(url="http://127.0.0.1:9", token="t", timeout=2)
    with pytest.raises(KeyProviderError, match="ConnectionError"):
        provider.load()


# -- Azure Key Vault: a local HTTPS server and the real SecretClient ---------------------------------
def _self_signed(tmp: Path) -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.fixture
def azure_kv(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    secrets: dict[str, str] = {}
    cert, key = _self_signed(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _reply(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            for k, v in {
                "Content-Type": "application/json",
                "Content-Length": str(len(data)),
                **(headers or {}),
            }.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.headers.get("Authorization") != "Bearer test-access-token":
                challenge = 'Bearer authorization="https://login.microsoftonline.com/tenant-id", resource="https://vault.azure.net"'
                return self._reply(
                    401,
                    {"error": {"code": "Unauthorized", "message": "auth"}},
                    {"WWW-Authenticate": challenge},
                )
            path = self.path.split("?")[0].strip("/").split("/")  # secrets/<name>[/<version>]
            value = secrets.get(path[1]) if len(path) >= 2 and path[0] == "secrets" else None
            if value is None:
                return self._reply(404, {"error": {"code": "SecretNotFound", "message": "not found"}})
            host = self.headers.get("Host")
            body = {
                "value": value,
                "id": f"https://{host}/secrets/{path[1]}/0123456789abcdef",
                "attributes": {"enabled": True, "created": 1, "updated": 1, "recoveryLevel": "Recoverable"},
            }
            return self._reply(200, body)

    server, port = _serve(Handler, tls)
    yield f"https://localhost:{port}", cert, secrets
    server.shutdown()


class _StaticCredential:
    """Stands in for Entra ID sign-in (DefaultAzureCredential), which cannot run here."""

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        from azure.core.credentials import AccessToken

        return AccessToken("test-access-token", int(dt.datetime.now(dt.UTC).timestamp()) + 3600)


def _azure_client(url: str, cert: Path) -> Any:
    from azure.keyvault.secrets import SecretClient

    return SecretClient(
        url, _StaticCredential(), verify_challenge_resource=False, connection_verify=str(cert)
    )


def test_azure_key_vault(azure_kv, caplog) -> None:  # type: ignore[no-untyped-def]
    from mask_core.keys.providers.azure_key_vault import AzureKeyVaultKeyProvider

    url, cert, secrets = azure_kv
    secrets["mask-keyring"] = f"k7:{KEY_TEXT}"
    provider = AzureKeyVaultKeyProvider(client=_azure_client(url, cert))
    client = MaskClient(tenant="acme", key_provider=provider, vault=MemoryVault())
    assert client.keyring.ids == ("k7",)
    _roundtrip(client)
    assert_no_key(repr(provider), repr(client), caplog.text)


@pytest.mark.parametrize(
    ("value", "match"), [(None, "ResourceNotFoundError.*HTTP 404"), (BAD_KEY, "at least 32 bytes")]
)
def test_azure_key_vault_fails_shut(azure_kv, value, match) -> None:  # type: ignore[no-untyped-def]
    from mask_core.keys.providers.azure_key_vault import AzureKeyVaultKeyProvider

    url, cert, secrets = azure_kv
    if value is not None:
        secrets["mask-keyring"] = value
    with pytest.raises(KeyProviderError, match=match) as info:
        AzureKeyVaultKeyProvider(client=_azure_client(url, cert)).load()
    assert_no_key(str(info.value), repr(info.value))


def test_azure_needs_a_vault_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASK_KEY_PROVIDER", "azure-key-vault")
    with pytest.raises(KeyProviderError, match="MASK_AZURE_VAULT_URL"):
        MaskClient(tenant="acme")


def test_providers_cannot_be_pickled(tmp_path: Path) -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(FileKeyProvider(tmp_path / "k"))
    assert os.environ.get("MASK_MASTER_KEY") is None
