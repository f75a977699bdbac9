"""The one error type for bad user input, shared by images, masks and trajectories.

Every refusal names the field, the rule and the offending value, so a validation layer can collect
several of them and show each one next to the control that caused it.
"""

from __future__ import annotations

_MAX_SHOWN = 80


def shown(value: object) -> str:
    """A short, single-line rendering of ``value``: messages never carry payloads.

    Long text keeps its start and its end, so a long path still shows its file name.
    """
    raw = str(value)
    if len(raw) > 4 * _MAX_SHOWN:
        raw = raw[: 2 * _MAX_SHOWN] + " " + raw[-2 * _MAX_SHOWN :]
    text = " ".join(raw.split())
    if len(text) <= _MAX_SHOWN:
        return text
    half = _MAX_SHOWN // 2
    return f"{text[:half]}…{text[-(_MAX_SHOWN - half - 1) :]}"


class InputError(ValueError):
    """Bad input, refused before any request is sent."""

    def __init__(self, field: str, rule: str, value: object) -> None:
        self.field = field
        self.rule = rule
        self.value = value
        super().__init__(f"{field}: {rule} (got {shown(value)})")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, object]]:
        """Survive pickling, so errors from a worker process arrive intact."""
        return (type(self), (self.field, self.rule, self.value))
