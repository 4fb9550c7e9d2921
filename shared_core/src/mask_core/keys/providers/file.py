"""Keys from a file (``MASK_KEY_PROVIDER=file``, ``MASK_KEY_FILE=/run/secrets/mask-keyring``).

The file holds key text: one key, or a keyring with one ``id:key`` entry per line (primary first).
``mask keys add|promote|retire --file PATH`` edit such a file in place. Mount it from a secret store
(Kubernetes secret, Docker secret); a file readable by other users is accepted, with a warning, because
secret volumes are often mounted 0644 inside a container where no other user exists.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

from mask_core.errors import KeyProviderError, MaskConfigurationError
from mask_core.keys.keyring import Keyring
from mask_core.keys.providers.base import KeyProvider, keyring_from_text
from mask_core.settings import MaskSettings

__all__ = ["FileKeyProvider", "write_keyring_file"]

logger = logging.getLogger("mask_core.keys")


class FileKeyProvider(KeyProvider):
    name = "file"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)

    @classmethod
    def from_settings(cls, settings: MaskSettings) -> FileKeyProvider:
        if settings.keys.file is None:
            raise KeyProviderError(cls.name, "MASK_KEY_PROVIDER=file needs MASK_KEY_FILE (a path)")
        return cls(settings.keys.file)

    def describe(self) -> str:
        return f"file {str(self.path)!r}"

    def fetch(self) -> Keyring:
        try:
            mode = self.path.stat().st_mode
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KeyProviderError(self.name, f"{self.describe()} does not exist") from None
        except OSError as exc:
            raise KeyProviderError(
                self.name, f"{self.describe()} cannot be read ({type(exc).__name__}: {exc.strerror})"
            ) from None
        except UnicodeDecodeError:
            raise KeyProviderError(self.name, f"{self.describe()} is not UTF-8 key text") from None
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            logger.warning("key file %s is readable by other users; chmod 600 it", self.path)
        return keyring_from_text(text, provider=self.name)


def write_keyring_file(path: str | os.PathLike[str], keyring: Keyring) -> None:
    """Write ``keyring`` to ``path`` atomically (temp file + rename), readable by its owner only."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".mask-keyring-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            os.chmod(tmp, 0o600)
            fh.write("# Mask keyring: one id:key per line, primary first. Keep this file secret.\n")
            fh.write("\n".join(keyring.export_text().split(",")) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise MaskConfigurationError(f"could not write the keyring file ({exc.strerror})") from None
