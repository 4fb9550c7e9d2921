"""Hazardous materials: primitives that are easy to misuse.

.. danger::
   Use :class:`mask_core.MaskClient` unless you know exactly why you need what is here. These
   primitives have no vault, no tenant binding, no audit trail and no collision handling.

``FF1`` is NIST SP 800-38G format-preserving encryption. Unlike Mask tokens, its output can be
reversed by anyone holding the key, without any vault: deleting a vault entry does not erase it.
"""

from mask_core.tokens._fpe import FF1, MIN_DOMAIN

__all__ = ["FF1", "MIN_DOMAIN"]
