"""A wrapper that keeps sensitive material out of reprs, logs and tracebacks.

Modelled on Starlette's ``Secret``: the value is reachable only through :meth:`Secret.reveal`, so an
accidental ``print(obj)`` or a locals dump in a traceback shows ``Secret('**********')``.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

T = TypeVar("T")

__all__ = ["Secret"]


class Secret(Generic[T]):
    __slots__ = ("_value",)

    def __init__(self, value: T) -> None:
        self._value = value

    def reveal(self) -> T:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:  # constant-time-ish comparison is the caller's business
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> str | tuple[Any, ...]:
        raise TypeError("Secret values cannot be pickled")
