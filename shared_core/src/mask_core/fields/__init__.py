"""Field names: what the keys of a structure say about the values under them (``deep_encode``).

See :mod:`mask_core.fields.rules` for how a key is decided, :mod:`mask_core.fields.vocabulary` for the
built-in names.
"""

from mask_core.fields.keys import compact, key_words
from mask_core.fields.rules import NEVER_SENSITIVE, ROOT, FieldHint, FieldRules

__all__ = ["NEVER_SENSITIVE", "ROOT", "FieldHint", "FieldRules", "compact", "key_words"]
