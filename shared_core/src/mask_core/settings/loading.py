"""Loading a settings class from the environment, with errors that name variables, never values."""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsError

from mask_core.errors import MaskConfigurationError
from mask_core.settings._base import field_variables

__all__ = ["load_settings", "settings_error_message"]

_S = TypeVar("_S", bound=BaseSettings)


def load_settings(cls: type[_S], *, prefix: str) -> _S:
    """``cls()`` from the environment, or a ``MaskConfigurationError`` that names each bad variable and
    its problem without its value (for every settings class: the core's, the server's)."""
    try:
        return cls()
    except ValidationError as exc:
        message = settings_error_message(exc, prefix=prefix, settings_cls=cls)
    except SettingsError as exc:  # a source could not decode a variable (complex fields are JSON)
        message = "invalid settings: " + _settings_error_field(exc, prefix) + ": could not be parsed"
    # Raised outside the handler, so the error (which may hold the inputs) is not its context.
    raise MaskConfigurationError(message)


def _settings_error_field(exc: SettingsError, prefix: str) -> str:
    # pydantic-settings says 'error parsing value for field "api_keys" from source "EnvSettingsSource"'
    match = re.search(r'field "([A-Za-z0-9_]+)"', str(exc))
    return (prefix + match.group(1)).upper() if match else f"a {prefix}* variable"


def settings_error_message(
    exc: ValidationError, *, prefix: str, settings_cls: type[BaseSettings] | None = None
) -> str:
    """What a settings ``ValidationError`` says, per variable, without the input values.

    With ``settings_cls`` an error inside a group is named by the group's variable
    (``("vault", "timeout")`` is ``MASK_VAULT_TIMEOUT``); without it, ``prefix`` + the field.
    """
    problems = []
    for err in exc.errors(include_input=False, include_url=False, include_context=False):
        loc = tuple(str(part) for part in err["loc"])
        if settings_cls is not None:
            name = _variable(settings_cls, loc)
        else:
            field = loc[0] if loc else "?"
            name = (field if field.upper().startswith(prefix) else prefix + field).upper()
        problems.append(f"{name}: {str(err['msg']).removeprefix('Value error, ')}")
    return "invalid settings: " + "; ".join(dict.fromkeys(problems))


def _variable(cls: type[BaseSettings], loc: tuple[str, ...]) -> str:
    """The variable an error location stands for: fields through their groups, then the field's
    variable (a location past it, such as a list index, is within the value)."""
    prefix = cls.model_config.get("env_prefix", "")
    if not loc:
        return f"{prefix.upper()}*"
    head, rest = loc[0], loc[1:]
    for name, field in cls.model_fields.items():
        names = field_variables(cls, name, field)
        if head != name and head.upper() not in names:
            continue
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseSettings):
            return _variable(annotation, rest)
        return names[0]
    return (prefix + head).upper()  # not a field (an unknown keyword): what its variable would be
