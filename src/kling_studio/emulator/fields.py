"""Typed reads of a JSON request body; every failure is a 1201 naming the field and the rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from .errors import invalid

ABSENT: Final = (None, "")
"""JSON null and the empty string both mean "not sent", as on the real service."""


def shown(value: object) -> str:
    """A short repr of a rejected value: enough to recognise it, never a whole image."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def whole(value: object) -> int | None:
    """``value`` if it is a JSON integer (not a bool, not a float), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Body:
    """A request body with readers that check type, enum, range and length."""

    def __init__(self, raw: Mapping[str, object], prefix: str = "") -> None:
        self._raw = raw
        self._prefix = prefix

    @property
    def path(self) -> str:
        """Where this body sits in the request, e.g. ``dynamic_masks[0]``."""
        return self._prefix.removesuffix(".")

    def name(self, key: str) -> str:
        return f"{self._prefix}{key}"

    def has(self, key: str) -> bool:
        return self._raw.get(key) not in ABSENT

    def value(self, key: str) -> object | None:
        value = self._raw.get(key)
        return None if value in ABSENT else value

    def text(self, key: str, *, limit: int | None = None, default: str = "") -> str:
        value = self.value(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise invalid(f"{self.name(key)} must be a string, got {shown(value)}")
        if limit is not None and len(value) > limit:
            raise invalid(f"{self.name(key)} must be at most {limit} characters, got {len(value)}")
        return value

    def choice(self, key: str, options: Sequence[str], default: str) -> str:
        value = self.value(key)
        if value is None:
            return default
        if value not in options or not isinstance(value, str):
            allowed = ", ".join(f'"{o}"' for o in options)
            raise invalid(
                f"{self.name(key)} must be one of {allowed} (strings), got {shown(value)}"
            )
        return value

    def number(self, key: str, low: float, high: float) -> float | None:
        value = self.value(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise invalid(
                f"{self.name(key)} must be a number in [{low:g}, {high:g}], got {shown(value)}"
            )
        return float(value)

    def flag(self, key: str) -> bool:
        value = self._raw.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise invalid(f"{self.name(key)} must be true or false, got {shown(value)}")
        return value

    def obj(self, key: str) -> Body | None:
        value = self.value(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise invalid(f"{self.name(key)} must be an object, got {shown(value)}")
        return Body(value, prefix=f"{self.name(key)}.")

    def objects(self, key: str, *, low: int, high: int) -> list[Body]:
        """A list of objects whose length is in [low, high]."""
        value = self.value(key)
        items = [] if value is None else value
        if not isinstance(items, list):
            raise invalid(f"{self.name(key)} must be an array, got {shown(value)}")
        if not low <= len(items) <= high:
            raise invalid(f"{self.name(key)} must hold {low} to {high} items, got {len(items)}")
        bodies = []
        for index, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise invalid(f"{self.name(key)}[{index}] must be an object, got {shown(item)}")
            bodies.append(Body(item, prefix=f"{self.name(key)}[{index}]."))
        return bodies
