// Lays the cards out: a table with "name = value" headers along the axes, or a wrapping list when
// the cells have no axes; or, sorted by motion score, one ranked list. Cards are reused, so
// rebuilding only moves elements (a <video> moved within the same task keeps playing), and the
// focus stays on the control that had it.
//
// Sorted, the cells leave the table: a rows × columns table cannot be put in score order without
// its rows and columns ceasing to mean their headers, and a table whose places mean nothing
// reads worse than a list. So score order is a flat ordered list, highest first, the unscored
// last (lib/ranking.ts). Nothing the headers said is lost: each card's label names every swept
// value of its cell ("mode pro · duration 10"), and its differences line what differs from the
// base request. Grid order builds the table again.

import { gridLayout } from "../lib/grid";
import { byMotionScore, type CellOrder } from "../lib/ranking";
import { h } from "../studio/dom";
import type { Card } from "./card";
import type { Axes, Cell } from "./model";

type CardOf = (id: string | null) => HTMLElement | null;

function table(axes: Axes, cells: readonly Cell[], cardOf: CardOf): HTMLElement[] {
  const layout = gridLayout(axes, cells);
  const parts: HTMLElement[] = [];
  if (layout.rows.length > 0) {
    const withRowHeaders = axes.rows !== null;
    const width = layout.rows[0]?.cells.length ?? 1;
    const grid = h("div", { class: "kc-grid", "data-testid": "grid" });
    grid.style.gridTemplateColumns = `${withRowHeaders ? "max-content " : ""}repeat(${width}, minmax(180px, 1fr))`;
    if (layout.columns.length > 0) {
      if (withRowHeaders) grid.append(h("div", { class: "kc-corner" }));
      for (const text of layout.columns) {
        grid.append(
          h("div", { class: "kc-axis kc-column-axis", "data-testid": "column-header" }, text),
        );
      }
    }
    for (const row of layout.rows) {
      if (row.header !== null) {
        grid.append(
          h("div", { class: "kc-axis kc-row-axis", "data-testid": "row-header" }, row.header),
        );
      }
      for (const id of row.cells) grid.append(cardOf(id) ?? h("div", { class: "kc-empty" }));
    }
    parts.push(grid);
  }
  if (layout.loose.length > 0) {
    const list = h("div", { class: "kc-flat", "data-testid": "flat" });
    for (const id of layout.loose) {
      const element = cardOf(id);
      if (element) list.append(element);
    }
    parts.push(list);
  }
  return parts;
}

function ranked(cells: readonly Cell[], cardOf: CardOf): HTMLElement {
  const list = h("ol", {
    class: "kc-flat kc-ranked",
    "aria-label": "Cells by motion score, highest first",
    "data-testid": "ranked",
  });
  for (const cell of byMotionScore(cells)) {
    const element = cardOf(cell.id);
    if (element) list.append(h("li", { "data-cell": cell.id }, element));
  }
  return list;
}

export function arrange(
  container: HTMLElement,
  axes: Axes,
  cells: readonly Cell[],
  cards: ReadonlyMap<string, Card>,
  order: CellOrder = "grid",
): void {
  const cardOf: CardOf = (id) => (id === null ? null : (cards.get(id)?.element ?? null));
  const focused = document.activeElement;
  const inside = focused instanceof HTMLElement && container.contains(focused) ? focused : null;
  const parts = order === "score" ? [ranked(cells, cardOf)] : table(axes, cells, cardOf);
  container.replaceChildren(...parts);
  if (inside?.isConnected && document.activeElement !== inside) {
    inside.focus({ preventScroll: true });
  }
}
