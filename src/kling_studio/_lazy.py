"""PEP 562 lazy public names: a package lists name -> module and imports each on first use, so
importing the package does not load what a caller never touches (PyAV, Starlette, numpy…)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, table: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` for ``package``; a resolved name is cached in
    ``namespace`` (the package's globals), so it is looked up once."""

    def attribute(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        namespace[name] = value
        return value

    def listing() -> list[str]:
        return sorted(set(namespace) | set(table))

    return attribute, listing
