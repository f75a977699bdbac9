// What undo and redo remember, and what each entry costs to keep (the history's memory budget).

import type { Point } from "../../lib/geometry";
import { History } from "../../lib/history";
import type { DetachedLayer, PaintPatch } from "./layers";

export type Edit =
  | { readonly kind: "paint"; readonly patch: PaintPatch }
  | {
      readonly kind: "clear";
      /** The canvases taken out; replaced on every redo by the ones taken out then. */
      detached: DetachedLayer[];
      /** Paths as they were before a "clear all". */
      readonly paths: readonly { readonly areaId: string; readonly path: Point[] }[];
    }
  | {
      readonly kind: "path";
      readonly areaId: string;
      readonly before: Point[];
      readonly after: Point[];
    };

const MAX_ENTRIES = 100;
/** Enough for dozens of large strokes, or a few "clear all"s of a 12-megapixel picture. */
const MAX_BYTES = 384 * 1024 * 1024;

function bytesOf(edit: Edit): number {
  switch (edit.kind) {
    case "paint":
      return edit.patch.before.data.byteLength + edit.patch.after.data.byteLength;
    case "clear":
      return edit.detached.reduce(
        (total, { layer }) => total + layer.canvas.width * layer.canvas.height * 4,
        0,
      );
    case "path":
      return 0;
  }
}

export function editHistory(): History<Edit> {
  return new History<Edit>({ maxEntries: MAX_ENTRIES, maxCost: MAX_BYTES, costOf: bytesOf });
}
