// The plan at a glance: tasks, estimated units against the budget, warnings, unsupported cells,
// the sweep's folder; Start (asking again when over budget) and, once done, the contact sheet —
// shown, with its path and a download — and the kernel's word when a click changed nothing;
// and, once the kernel is gone, a notice that says so.

import { type KernelVerdict, sweepNotice } from "../lib/liveness";
import { h } from "../studio/dom";
import type { CompareToKernel, Summary } from "./model";

export interface Header {
  element: HTMLElement;
  /** `unfinished`: task ids of cells still under way, named in the dead-kernel notice. */
  update(summary: Summary, kernel: KernelVerdict, unfinished: string[]): void;
  /** The contact sheet's PNG, written by the kernel to `path`. */
  showSheet(png: ArrayBuffer, path: string): void;
  destroy(): void;
}

type Send = (content: CompareToKernel) => boolean;

const START_LABELS: Record<Summary["phase"], string> = {
  planned: "Start",
  running: "Running…",
  done: "Done",
  refused: "Start",
};

/** How long Start stays disabled after a click if the kernel does not answer. */
const SENT_HOLD_MS = 5000;

export function header(send: Send): Header {
  const tasks = h("span", { "data-testid": "tasks" });
  const units = h("span", { class: "kc-units", "data-testid": "units" });
  const unsupported = h("span", { class: "kc-unsupported", "data-testid": "unsupported" });
  const phase = h("span", { class: "kc-phase", "data-testid": "phase" });
  const start = h("button", { type: "button", class: "kc-start", "data-testid": "start" }, "Start");
  const sheet = h(
    "button",
    { type: "button", class: "kc-button", "data-testid": "contact-sheet" },
    "Contact sheet",
  );
  const warnings = h("ul", { class: "kc-warnings", "data-testid": "warnings" });
  const folder = h("code", { class: "kc-folder-path", "data-testid": "folder" });
  const where = h("div", { class: "kc-folder" }, "Videos go to ", folder);
  const service = h("div", { class: "kc-service", "data-testid": "provider" });
  const message = h("div", { class: "kc-message", role: "status", "data-testid": "message" });
  const sheetImage = h("img", {
    class: "kc-sheet-image",
    alt: "Contact sheet: the first, middle and last frame of every finished cell",
    "data-testid": "contact-sheet-image",
  });
  const sheetPath = h("code", { class: "kc-folder-path", "data-testid": "contact-sheet-path" });
  const sheetDownload = h(
    "a",
    { class: "kc-button", "data-testid": "contact-sheet-download" },
    "Download",
  );
  const sheetView = h(
    "figure",
    { class: "kc-sheet", "data-testid": "contact-sheet-view", hidden: true },
    sheetImage,
    h("figcaption", { class: "kc-sheet-caption" }, "Contact sheet ", sheetPath, sheetDownload),
  );
  let sheetUrl = "";
  const gone = h("div", { class: "kc-gone", role: "alert", "data-testid": "kernel-gone" });
  const element = h(
    "div",
    { class: "kc-header" },
    h("div", { class: "kc-summary" }, tasks, units, unsupported, phase, start, sheet),
    where,
    service,
    message,
    warnings,
    sheetView,
    gone,
  );

  // Over budget, the first click only arms the button; the second sends confirm: true.
  let armed = false;
  let sent = false;
  let unblock = 0;
  let current: Summary | null = null;
  let alive = true;

  function render(): void {
    if (!current) return;
    const running = current.phase === "running" || current.phase === "done";
    start.disabled = running || sent || !alive;
    start.classList.toggle("kc-armed", armed);
    start.textContent = !alive
      ? "Kernel gone"
      : armed
        ? `Over budget: start anyway (≈ ${current.units} units)?`
        : START_LABELS[current.phase];
  }

  start.addEventListener("click", () => {
    if (!current) return;
    if (current.over_budget && !armed) {
      armed = true;
      render();
      return;
    }
    send({ type: "start", confirm: armed });
    armed = false;
    sent = true; // until the kernel answers with a new summary (or a while): no double start
    clearTimeout(unblock);
    unblock = window.setTimeout(() => {
      sent = false;
      render();
    }, SENT_HOLD_MS);
    render();
  });
  sheet.addEventListener("click", () => send({ type: "contact-sheet" }));

  return {
    element,
    update(summary, kernel, unfinished) {
      current = summary;
      alive = kernel === "alive";
      armed = armed && summary.over_budget && summary.phase !== "running";
      sent = false;
      clearTimeout(unblock);
      tasks.textContent = `${summary.tasks} task${summary.tasks === 1 ? "" : "s"}`;
      const budget = summary.max_units === null ? "" : ` of ${summary.max_units} allowed`;
      units.textContent = `≈ ${summary.units} units${budget}`;
      units.classList.toggle("kc-over", summary.over_budget);
      unsupported.textContent = summary.unsupported ? `${summary.unsupported} unsupported` : "";
      phase.textContent = alive ? summary.phase : "kernel gone";
      phase.dataset.phase = alive ? summary.phase : "kernel-gone";
      sheet.hidden = summary.phase !== "done" || !alive;
      folder.textContent = summary.folder ?? "";
      where.hidden = !summary.folder;
      service.textContent = summary.provider
        ? `Service: ${summary.provider}${summary.emulated ? " — videos are emulated, nothing is billed" : ""}`
        : "";
      message.textContent = summary.message ?? "";
      gone.textContent = sweepNotice(kernel, unfinished);
      gone.hidden = alive;
      warnings.replaceChildren(...summary.warnings.map((text) => h("li", {}, text)));
      sheetPath.textContent = summary.contact_sheet ?? "";
      sheetView.hidden = !summary.contact_sheet || !sheetUrl;
      render();
    },
    showSheet(png, path) {
      if (sheetUrl) URL.revokeObjectURL(sheetUrl);
      sheetUrl = URL.createObjectURL(new Blob([png], { type: "image/png" }));
      sheetImage.src = sheetUrl;
      sheetDownload.href = sheetUrl;
      sheetDownload.download = path.split(/[\\/]/).pop() || "contact-sheet.png";
      sheetPath.textContent = path;
      sheetView.hidden = false;
    },
    destroy() {
      if (sheetUrl) URL.revokeObjectURL(sheetUrl);
      sheetUrl = "";
    },
  };
}
