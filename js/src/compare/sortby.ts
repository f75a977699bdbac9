// "Sort by" in Compare's header: the sweep's grid order (the default) or the motion check's
// score, highest first (lib/ranking.ts). A labelled native <select>, so the keyboard and screen
// readers work it as any menu; the choice is this view's, not the kernel's.

import { CELL_ORDERS, type CellOrder, isCellOrder } from "../lib/ranking";
import { h } from "../studio/dom";

export interface SortBy {
  element: HTMLElement;
  order(): CellOrder;
}

export function sortBy(onChange: (order: CellOrder) => void): SortBy {
  const select = h(
    "select",
    {
      "data-testid": "sort-by",
      title: "Lay the cells out in the sweep's grid, or as one list by motion score",
    },
    ...CELL_ORDERS.map(({ value, label }) => h("option", { value }, label)),
  );
  let order: CellOrder = "grid";
  select.value = order;
  select.addEventListener("change", () => {
    if (!isCellOrder(select.value) || select.value === order) return;
    order = select.value;
    onChange(order);
  });
  return {
    element: h("label", { class: "kc-sort" }, h("span", {}, "Sort by"), select),
    order: () => order,
  };
}
