// One cell of the comparison: its label, status, time, units, its motion check (the overall
// score, or "measuring…", and what went wrong in one line), why it failed or is unsupported,
// Retry, and its video (owned by the reels, shown here unless the wipe view holds it). Retry is a
// request answered with the retry's outcome; a refusal or a second failure is said under Retry
// until the next click. A cell whose video has sound gets Hear, a toggle (aria-pressed) whose
// press the view turns into who is heard (compare/sound.ts).

import type { CompareReplies } from "../generated/contract";
import { unitsText as units } from "../lib/confirm";
import { formatSeconds } from "../lib/format";
import { motionBrief, motionProblem } from "../lib/motionreport";
import { alertFor } from "../studio/alert";
import { h, setHidden } from "../studio/dom";
import { idField } from "../studio/ids";
import type { Cell, CellStatus } from "./model";
import { HEAR, hearHint, hearName } from "./sound";

export interface Card {
  element: HTMLElement;
  update(cell: Cell): void;
  /** Shows the video, or, without one, a note in its place. */
  show(video: HTMLVideoElement | null, note: string): void;
  /** Offers Hear (`offered`: the cell's video has sound and is here), pressed while heard. */
  hearing(offered: boolean, pressed: boolean): void;
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

export type RetryAsk = (id: string) => Promise<CompareReplies["retry"]>;

/** `onHear`: the person pressed the cell's Hear. */
export function card(
  id: string,
  retryAsk: RetryAsk,
  onHear: (id: string) => void = () => {},
): Card {
  const label = h("span", { class: "kc-label", "data-testid": `label-${id}` });
  const badge = h("span", { class: "kc-badge", "data-testid": `status-${id}` });
  const media = h("div", { class: "kc-media" });
  const note = h("div", { class: "kc-note" });
  const elapsed = h("span", { "data-testid": `elapsed-${id}` });
  const units = h("span", { "data-testid": `units-${id}` });
  const hear = h(
    "button",
    {
      type: "button",
      class: "kc-button kc-hear",
      "aria-pressed": "false",
      title: hearHint(false),
      "data-testid": `hear-${id}`,
      hidden: true,
    },
    HEAR,
  );
  hear.addEventListener("click", () => onHear(id));
  const differs = h("div", { class: "kc-differs" });
  const motion = h("div", { class: "kc-motion", "data-testid": `motion-${id}` });
  const motionWrong = h("div", {
    class: "kc-motion-problem",
    "data-testid": `motion-problem-${id}`,
  });
  const reason = h("div", { class: "kc-reason", "data-testid": `reason-${id}` });
  const path = h("code", { class: "kc-path" });
  const taskId = idField("Task id", `task-id-${id}`);
  const retry = h(
    "button",
    { type: "button", class: "kc-button", "data-testid": `retry-${id}` },
    "Retry",
  );
  const retryError = alertFor(`retry-error-${id}`, [retry], "kc-error");
  const retryBox = h("div", { class: "kc-retry" }, retry, retryError.element);
  let retrying = false;
  let retryable = false;
  retry.addEventListener("click", () => {
    retryError.show(null);
    explain();
    retrying = true;
    retry.disabled = true;
    void retryAsk(id).then((reply) => {
      retrying = false;
      retry.disabled = false;
      retryError.show(reply.ok ? null : reply.error);
      placeRetry();
      explain();
    });
  });
  let shown: Cell | null = null;
  /** Why the cell failed, unless the retry's error under Retry says it already. */
  function explain(): void {
    const why = shown && EXPLAINED.has(shown.status) ? shown.reason : "";
    reason.textContent = why && retryError.text().includes(why) ? "" : why;
  }
  /** Retry shows on a failed cell; its error stays in sight until the next click. */
  function placeRetry(): void {
    retry.hidden = !retryable;
    const wanted = retryable || retrying || Boolean(retryError.text());
    if (!wanted) retryBox.remove();
    else if (retryBox.parentElement !== element) element.append(retryBox);
  }
  /** The check's line and problem; `data-state` and `data-score` say the same to a test. */
  function showMotion({ motion: check }: Cell): void {
    motion.textContent = check ? motionBrief(check) : "";
    const wrong = check ? motionProblem(check) : "";
    motionWrong.textContent = wrong;
    motionWrong.title = wrong; // a long verdict is cut to two lines; the whole of it here
    if (check) motion.dataset.state = check.state;
    else delete motion.dataset.state;
    const score = check?.state === "done" ? check.score : null;
    if (score === null) delete motion.dataset.score;
    else motion.dataset.score = String(score);
  }
  const element = h(
    "article",
    { class: "kc-card", "data-testid": `cell-${id}` },
    h("header", { class: "kc-card-head" }, label, badge),
    media,
    h("div", { class: "kc-facts" }, elapsed, units, hear),
    motion,
    motionWrong,
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
      const name = hearName(cell);
      if (hear.getAttribute("aria-label") !== name) hear.setAttribute("aria-label", name);
      badge.textContent = cell.status;
      badge.dataset.status = cell.status;
      elapsed.textContent = cell.elapsed === null ? "" : formatSeconds(cell.elapsed);
      units.textContent = unitsText(cell);
      differs.textContent = Object.entries(cell.differs)
        .map(([name, value]) => `${name}: ${value}`)
        .join(" · ");
      showMotion(cell);
      shown = cell;
      explain();
      path.textContent = cell.path ?? "";
      path.title = cell.path ?? "";
      taskId.set(cell.task_id);
      retryable = RETRYABLE.has(cell.status);
      placeRetry();
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
    hearing(offered, pressed) {
      setHidden(hear, !offered);
      const state = String(offered && pressed);
      if (hear.getAttribute("aria-pressed") === state) return;
      hear.setAttribute("aria-pressed", state);
      hear.title = hearHint(offered && pressed);
      if (state === "true") element.dataset.heard = "true";
      else delete element.dataset.heard;
    },
  };
}
