"""The detection engine: which entity types, which NER tier, which languages (docs/detection.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import NoDecode

from mask_core.errors import MaskError
from mask_core.settings._base import SettingsGroup, split_csv

__all__ = ["DetectionSettings"]


class DetectionSettings(SettingsGroup):
    """``MASK_ENTITIES``, ``MASK_NER``, ``MASK_SCORE_THRESHOLD``, ... (the ``MASK_`` prefix alone)."""

    entities: Annotated[list[str] | None, NoDecode] = None
    disabled_entities: Annotated[list[str], NoDecode] = []
    ner: Literal["auto", "on", "off"] = "auto"
    nlp_model: str | None = None
    languages: Annotated[list[str], NoDecode] = ["en"]
    report_only: Annotated[list[str], NoDecode] = ["DATE_TIME", "URL", "NRP"]
    ner_threads: int = Field(default=1, ge=1)
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    phone_regions: Annotated[list[str], NoDecode] = ["US"]

    @field_validator(
        "entities", "disabled_entities", "languages", "report_only", "phone_regions", mode="before"
    )
    @classmethod
    def _lists(cls, value: object) -> object:
        return split_csv(value)

    @field_validator("entities", "disabled_entities", "report_only")
    @classmethod
    def _entity_names(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        """Brief names, catalogue names and categories, as everywhere (mask_core.entity_names).

        Each name becomes the catalogue types it stands for; an UPPER_SNAKE name nobody knows yet is
        kept (a custom recognizer may register it, and the client checks it then); anything else is an
        error with close matches.
        """
        from mask_core.entity_names import canonical_types

        if value is None:
            return None
        out: list[str] = []
        for name in value:
            try:
                types = canonical_types(name)
            except MaskError as exc:
                raise ValueError(str(exc)) from None
            if types is None and info.field_name == "report_only":
                raise ValueError("'all' would leave every value in clear; list the types to report only")
            out += sorted(types) if types is not None else [name.strip().lower()]
        return list(dict.fromkeys(out))
