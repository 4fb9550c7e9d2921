"""What every settings class of the core shares: one group per concern, each reading its own variables.

A group is a ``SettingsGroup``: a pydantic-settings class with its own ``env_prefix``. A field typed
as a group (``MaskSettings.vault: VaultSettings``) is built by that group's class, which reads its
variables itself; the enclosing class never reads a variable for it. pydantic-settings on its own
would: ``vault`` is a complex field, so a variable ``MASK_VAULT`` would be parsed as the whole group
(JSON, or a ``SettingsError``), and a group built by a plain ``default_factory`` would raise its own
``ValidationError`` that stops at the first group and loses the enclosing names. Here the group is
built by a validator of the enclosing class, so its errors join the others, located under the group
(``("vault", "timeout")``), and every bad variable of every group is reported at once.

Keywords: a class takes its fields and groups by name, and every variable of its groups by the
variable's name without ``MASK_``, lower case (``MaskSettings(vault_type="redis")`` is
``MaskSettings(vault=VaultSettings(type="redis"))``). The table is derived from the classes. Any
other keyword is an error (``extra="forbid"``); a variable the classes do not read is not looked at.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Self

from pydantic import AliasChoices, Field, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

__all__ = ["ROOT_PREFIX", "SettingsGroup", "field_variables", "group_class", "group_field", "split_csv"]

#: What every variable of the core starts with; a keyword is a variable's name without it.
ROOT_PREFIX = "MASK_"


def split_csv(value: object) -> object:
    """``"a, b,,c"`` -> ``["a", "b", "c"]``; a list (given in code) as it is."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def group_class(field: FieldInfo) -> type[SettingsGroup] | None:
    """The group a field holds, or None for a plain value."""
    annotation = field.annotation
    if isinstance(annotation, type) and issubclass(annotation, SettingsGroup):
        return annotation
    return None


def group_field() -> Any:
    """A group field's default: built from the environment when the class is (by ``_build_group``)."""
    return Field(default_factory=dict, validate_default=True)


def field_variables(cls: type[BaseSettings], name: str, field: FieldInfo) -> list[str]:
    """The variables a (plain) field reads, the preferred one first: its aliases, else prefix + name."""
    alias = field.validation_alias
    if isinstance(alias, str):
        return [alias.upper()]
    if isinstance(alias, AliasChoices):
        return [choice.upper() for choice in alias.choices if isinstance(choice, str)]
    return [(cls.model_config.get("env_prefix", "") + name).upper()]


@functools.cache
def _variables(cls: type[SettingsGroup]) -> Mapping[str, tuple[str, ...]]:
    """Every variable ``cls`` and its groups read -> the attribute path of its value."""
    found: dict[str, tuple[str, ...]] = {}
    for name, field in cls.model_fields.items():
        group = group_class(field)
        if group is None:
            found.update(dict.fromkeys(field_variables(cls, name, field), (name,)))
        else:
            found.update({var: (name, *path) for var, path in _variables(group).items()})
    return MappingProxyType(found)  # cached: shared by every caller


def _keyword(variable: str) -> str:
    return variable.removeprefix(ROOT_PREFIX).lower()


def _input_key(name: str, field: FieldInfo) -> str:
    """The key pydantic validates a field from: its first alias when it has one, else its name."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        alias = next((c for c in alias.choices if isinstance(c, str)), None)
    return alias if isinstance(alias, str) else name


@functools.cache
def _keywords(cls: type[SettingsGroup]) -> Mapping[str, tuple[str | None, str]]:
    """keyword -> (group field, keyword for the group) or (None, input key of a field of ``cls``).

    A plain field named as its own variable (``ttl``) needs no entry and has none, so a key pydantic
    already takes passes through untouched."""
    table: dict[str, tuple[str | None, str]] = {}
    for name, field in cls.model_fields.items():
        group = group_class(field)
        if group is not None:
            table.update({_keyword(var): (name, _keyword(var)) for var in _variables(group)})
            continue
        key = _input_key(name, field)
        names = {_keyword(var) for var in field_variables(cls, name, field)}
        if key != name:
            names.add(name)  # pydantic takes only the alias; the field's own name is a keyword too
        table.update({kw: (None, key) for kw in names if kw != key})
    return MappingProxyType(table)


def _route(cls: type[SettingsGroup], data: Mapping[str, Any]) -> dict[str, Any]:
    """Keywords to the keys pydantic validates: variable names into their groups, field names of
    aliased fields to the alias. Anything else is left for pydantic (an unknown name is an error)."""
    table = _keywords(cls)
    out = {key: value for key, value in data.items() if key not in table}
    given: dict[str, str] = {}  # target -> the keyword that set it
    groups: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key not in table:
            continue
        group, target = table[key]
        where = f"{group}.{target}" if group else target
        if where in given:
            raise TypeError(f"{cls.__name__}: {given[where]!r} and {key!r} set the same setting; pass one")
        given[where] = key
        if group is None:
            out[target] = value  # a keyword wins over the same variable read from the environment
        else:
            groups.setdefault(group, {})[target] = value
    for group, keywords in groups.items():
        if group in out:
            raise TypeError(f"{cls.__name__}: {', '.join(keywords)} given beside {group}=; pass one")
        out[group] = keywords
    return out


class _OwnVariables(EnvSettingsSource):
    """The environment, for a class's plain fields only: its groups read their variables themselves."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        if group_class(field) is not None:
            return None, field_name, False
        return super().get_field_value(field, field_name)


class SettingsGroup(BaseSettings):
    """Base of :class:`~mask_core.settings.MaskSettings` and its groups (see the module docstring)."""

    model_config = SettingsConfigDict(env_prefix=ROOT_PREFIX, extra="forbid", case_sensitive=False)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, _OwnVariables(settings_cls))

    @model_validator(mode="before")
    @classmethod
    def _route_keywords(cls, data: Any) -> Any:
        return _route(cls, data) if isinstance(data, Mapping) else data

    @field_validator("*", mode="before")
    @classmethod
    def _build_group(cls, value: Any, info: ValidationInfo) -> Any:
        """A group given as keywords (or not given: ``{}``) is built by its class, which reads the
        variables not given. Its ``ValidationError`` raised here joins this class's, under the group."""
        group = group_class(cls.model_fields[info.field_name]) if info.field_name else None
        if group is not None and isinstance(value, Mapping):
            return group(**value)
        return value

    @classmethod
    def variables(cls) -> Mapping[str, tuple[str, ...]]:
        """Every variable this class (and its groups) reads -> the attribute path of its value:
        ``MaskSettings.variables()["MASK_VAULT_TIMEOUT"] == ("vault", "timeout")``."""
        return _variables(cls)

    def updated(self, **changes: Any) -> Self:
        """A copy with ``changes`` (the constructor's keywords), validated; the environment is not read
        again. Unlike ``model_copy(update=...)``, a misspelt name is an error and groups are followed."""
        cls = type(self)
        data = {_input_key(name, field): getattr(self, name) for name, field in cls.model_fields.items()}
        for key, value in _route(cls, changes).items():
            current = data.get(key)
            if isinstance(current, SettingsGroup) and isinstance(value, Mapping):
                data[key] = current.updated(**value)
            else:
                data[key] = value
        return cls.model_validate(data)
