// Lays the cards out: a table with "name = value" headers along the axes, or a wrapping list when
// the cells have no axes. Cards are reused, so rebuilding only moves elements.

import { gridLayout } from "../lib/grid";
import { h } from "../studio/dom";
import type { Card } from "./card";
import type { Axes, Cell } from "./model";

export function arrange(
  container: HTMLElement,
  axes: Axes,
  cells: readonly Cell[],
  cards: ReadonlyMap<string, Card>,
): void {
  const layout = gridLayout(axes, cells);
  const cardOf = (id: string | null) => (id === null ? null : (cards.get(id)?.element ?? null));
  const parts: HTMLElement[] = [];
  if (layout.rows.length > 0) {
    const withRowHeaders = axes.rows !== null;
    const width = layout.rows[0]?.cells.length ?? 1;
    const table = h("div", { class: "kc-grid", "data-testid": "grid" });
    table.style.gridTemplateColumns = `${withRowHeaders ? "max-content " : ""}repeat(${width}, minmax(180px, 1fr))`;
    if (layout.columns.length > 0) {
      if (withRowHeaders) table.append(h("div", { class: "kc-corner" }));
      for (const text of layout.columns) {
        table.append(
          h("div", { class: "kc-axis kc-column-axis", "data-testid": "column-header" }, text),
        );
      }
    }
    for (const row of layout.rows) {
      if (row.header !== null) {
        table.append(
          h("div", { class: "kc-axis kc-row-axis", "data-testid": "row-header" }, row.header),
        );
      }
      for (const id of row.cells) table.append(cardOf(id) ?? h("div", { class: "kc-empty" }));
    }
    parts.push(table);
  }
  if (layout.loose.length > 0) {
    const list = h("div", { class: "kc-flat", "data-testid": "flat" });
    for (const id of layout.loose) {
      const element = cardOf(id);
      if (element) list.append(element);
    }
    parts.push(list);
  }
  container.replaceChildren(...parts);
}
