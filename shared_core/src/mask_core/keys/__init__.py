"""Key material and the keyring. Raw AEAD helpers stay private (``keys/_aead.py``)."""

from mask_core.keys.keyring import Keyring, TenantKeys
from mask_core.keys.material import derive_key_id, format_key, generate_key, parse_key

__all__ = ["Keyring", "TenantKeys", "derive_key_id", "format_key", "generate_key", "parse_key"]
