// Compare's cells in the order the person chose: the sweep's own (the grid), or by the motion
// check's overall score, highest first. A cell without a score (not measured yet, measuring, a
// failed check, no video) goes after every scored one; ties and the unscored keep the grid's
// order, so switching back and forth never shuffles them. Pure.

import type { MotionCheck } from "../generated/contract";

export const CELL_ORDERS = [
  { value: "grid", label: "grid order" },
  { value: "score", label: "motion score" },
] as const;

export type CellOrder = (typeof CELL_ORDERS)[number]["value"];

export function isCellOrder(value: string): value is CellOrder {
  return CELL_ORDERS.some((order) => order.value === value);
}

/** The overall score of a finished check; null for anything else. */
export function motionScore(cell: { readonly motion: MotionCheck | null }): number | null {
  const check = cell.motion;
  return check?.state === "done" && check.score !== null ? check.score : null;
}

/** Highest score first, the unscored last; stable. */
export function byMotionScore<C extends { readonly motion: MotionCheck | null }>(
  cells: readonly C[],
): C[] {
  return cells
    .map((cell, index) => ({ cell, index, score: motionScore(cell) }))
    .sort((a, b) => {
      if (a.score === null || b.score === null) {
        return (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || a.index - b.index;
      }
      return b.score - a.score || a.index - b.index;
    })
    .map(({ cell }) => cell);
}

/** Changes when the cards' places do under `order`: in score order, with the ranking itself. */
export function orderKey<C extends { readonly id: string; readonly motion: MotionCheck | null }>(
  order: CellOrder,
  cells: readonly C[],
): string {
  return order === "grid" ? order : `${order}:${byMotionScore(cells).map((cell) => cell.id)}`;
}
