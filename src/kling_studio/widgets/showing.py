"""A widget's output with its static view beside it, kept current as results arrive.

The cell shows two outputs: the live widget (anywidget's bundle) and, right after it, the static
view (``fallback.py``'s HTML) under a ``display_id``. A reader without a kernel — GitHub,
nbviewer, nbconvert's HTML, a Jupyter Book or Quarto site — sees the static view, whether or not
the executor saved the widget's state (nbclient does by default, and then nbconvert renders the
widget's placeholder, not the widget's own ``text/html``). Where the kernel is live the view
hides its static twin: the kernel answers the view's ``hello`` with ``Live``.

A result's arrival replaces the static view in place (``update_display``): nbclient (``jupyter
nbconvert --execute``, Jupyter Book, Quarto, papermill) applies it whichever cell is running.
JupyterLab applies an update only to the running cell's own outputs, so there the static view
is current when the result arrives while its cell runs; ``static()`` shows it anywhere.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

log = logging.getLogger("kling_studio")

Bundle = tuple[dict[str, Any], dict[str, Any]]
"""A MIME bundle and its metadata, as anywidget's ``_repr_mimebundle_`` gives them."""


class StillDisplay:
    """One widget's static view: one ``display_id``, however many cells show the widget."""

    def __init__(self, render: Callable[[str], tuple[str, str]]) -> None:
        """``render(still_id)`` → the static view's HTML and its title, for plain text."""
        self._render = render
        self.still_id = uuid.uuid4().hex
        self._shown = False

    def _bundle(self) -> dict[str, Any]:
        html, title = self._render(self.still_id)
        return {"text/html": html, "text/plain": title}

    def show(self, widget: Bundle | None) -> None:
        """The live widget, then its static view."""
        from IPython.display import display

        if widget is None:  # closed
            return
        data, metadata = widget
        display(data, metadata=metadata, raw=True)  # type: ignore[no-untyped-call]
        display(self._bundle(), raw=True, display_id=self.still_id)  # type: ignore[no-untyped-call]
        self._shown = True

    def refresh(self) -> None:
        """Replace every shown static view with a current one."""
        if not self._shown:
            return
        from IPython.display import update_display

        try:
            update_display(self._bundle(), raw=True, display_id=self.still_id)  # type: ignore[no-untyped-call]
        except Exception as error:  # a static view must never break the widget's work
            log.warning("could not update the widget's static view: %s", error)


class Still:
    """A fallback on its own, to display where an author wants it (``studio.static()``)."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"Still({len(self.html)} characters of HTML)"
