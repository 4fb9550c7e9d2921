"""Entity type names as firewall policies write them: :mod:`mask_core.entity_names`, re-exported.

Policy files use the product brief's lowercase names (``email``, ``ssn``, ``credit_card``,
``api_key`` ...), catalogue names (``US_SSN``, ``es_nif``), categories (``HEALTH``) or ``all``, as
every other entry point does. A policy may also name a custom recognizer's UPPER_SNAKE type, which
is not known when the file loads. Anything else is a validation error at load time, with close
matches (a typo such as ``emial`` must not silently turn a stage off).
"""

from __future__ import annotations

from mask_core.entity_names import (
    ALL,
    BRIEF_NAMES,
    brief_name,
    canonical_types,
    close_matches,
    redaction_label,
    resolve_entity_names,
)

__all__ = [
    "ALL",
    "BRIEF_NAMES",
    "brief_name",
    "canonical_types",
    "close_matches",
    "redaction_label",
    "resolve_entity_names",
]
