// One cell of the comparison: its label, status, time, units, why it failed or is unsupported,
// Retry, and its video (owned by the reels, shown here unless the wipe view holds it).

import { unitsText as units } from "../lib/confirm";
import { formatSeconds } from "../lib/format";
import { h } from "../studio/dom";
import { idField } from "../studio/ids";
import type { Cell, CellStatus } from "./model";

export interface Card {
  element: HTMLElement;
  update(cell: Cell): void;
  /** Shows the video, or, without one, a note in its place. */
  show(video: HTMLVideoElement | null, note: string): void;
}

const RETRYABLE = new Set<CellStatus>(["failed"]);
const EXPLAINED = new Set<CellStatus>(["unsupported", "failed"]);
/** What stands in for the video of a cell in each status. */
const NOTES: Record<CellStatus, string> = {
  planned: "planned",
  queued: "queued",
  submitted: "submitted",
  processing: "rendering…",
  succeed: "no video",
  failed: "failed",
  unsupported: "not supported",
};

export function unitsText(cell: Cell): string {
  if (cell.units !== null) return units(Number(cell.units));
  if (cell.estimate !== null) return `≈ ${units(cell.estimate)}`;
  return "";
}

/** What stands in for the video before there is one. */
export function placeholder(cell: Cell): string {
  if (cell.has_video) return "loading video…";
  return NOTES[cell.status];
}

export function card(id: string, onRetry: (id: string) => void): Card {
  const label = h("span", { class: "kc-label", "data-testid": `label-${id}` });
  const badge = h("span", { class: "kc-badge", "data-testid": `status-${id}` });
  const media = h("div", { class: "kc-media" });
  const note = h("div", { class: "kc-note" });
  const elapsed = h("span", { "data-testid": `elapsed-${id}` });
  const units = h("span", { "data-testid": `units-${id}` });
  const differs = h("div", { class: "kc-differs" });
  const reason = h("div", { class: "kc-reason", "data-testid": `reason-${id}` });
  const path = h("code", { class: "kc-path" });
  const taskId = idField("Task id", `task-id-${id}`);
  const retry = h(
    "button",
    { type: "button", class: "kc-button", "data-testid": `retry-${id}` },
    "Retry",
  );
  retry.addEventListener("click", () => onRetry(id));
  const element = h(
    "article",
    { class: "kc-card", "data-testid": `cell-${id}` },
    h("header", { class: "kc-card-head" }, label, badge),
    media,
    h("div", { class: "kc-facts" }, elapsed, units),
    differs,
    reason,
    taskId.element,
    path,
  );

  return {
    element,
    update(cell) {
      element.dataset.status = cell.status;
      label.textContent = cell.label;
      badge.textContent = cell.status;
      badge.dataset.status = cell.status;
      elapsed.textContent = cell.elapsed === null ? "" : formatSeconds(cell.elapsed);
      units.textContent = unitsText(cell);
      differs.textContent = Object.entries(cell.differs)
        .map(([name, value]) => `${name}: ${value}`)
        .join(" · ");
      reason.textContent = EXPLAINED.has(cell.status) ? cell.reason : "";
      path.textContent = cell.path ?? "";
      path.title = cell.path ?? "";
      taskId.set(cell.task_id);
      if (!RETRYABLE.has(cell.status)) retry.remove();
      else if (retry.parentElement !== element) element.append(retry);
      note.textContent = placeholder(cell);
    },
    show(video, text) {
      if (video === null) {
        if (text) note.textContent = text;
        if (media.firstChild !== note || media.childNodes.length !== 1) media.replaceChildren(note);
        return;
      }
      if (video.parentElement !== media) media.replaceChildren(video);
    },
  };
}
