// Converting areas between the Studio's form (paths as [x, y] pairs) and the painter's own.

import type { Point } from "../../lib/geometry";
import type { AreaState, PainterArea } from "./types";

/** The kernel's area; where the browser holds the paint, its pixel count decides "painted". */
export function toAreaState(area: PainterArea, paintedPixels: number | undefined): AreaState {
  return {
    id: area.id,
    kind: area.kind,
    label: area.label,
    colour: area.colour,
    visible: area.visible,
    painted: paintedPixels === undefined ? area.painted : paintedPixels > 0,
    path: area.path.map(([x, y]) => ({ x, y })),
  };
}

/** Two decimals are plenty for pixels, and keep the synced trait small. */
export function toPainterArea(area: AreaState): PainterArea {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    id: area.id,
    kind: area.kind,
    label: area.label,
    colour: area.colour,
    visible: area.visible,
    painted: area.painted,
    path: area.path.map((point): [number, number] => [round(point.x), round(point.y)]),
  };
}

export function samePath(a: readonly Point[], b: readonly Point[]): boolean {
  return a.length === b.length && a.every((p, i) => p.x === b[i]?.x && p.y === b[i]?.y);
}

/** The same path as far as the synced trait can tell (it keeps two decimals). */
export function nearlySamePath(a: readonly Point[], b: readonly Point[]): boolean {
  const near = (u: number, v: number | undefined) => v !== undefined && Math.abs(u - v) <= 0.01;
  return a.length === b.length && a.every((p, i) => near(p.x, b[i]?.x) && near(p.y, b[i]?.y));
}
