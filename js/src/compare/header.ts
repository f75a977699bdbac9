// The plan at a glance: tasks, estimated units against the budget, warnings, unsupported cells,
// the sweep's folder; Start (asking again when over budget) and, once done, the contact sheet —
// shown, with its path and a download; the view's own panels under them (Export); and, once the
// kernel is gone, a notice that says so.
// Start and Contact sheet are requests: a refusal (over budget, already running, no video yet)
// is said right under the buttons until the next click.

import { unitsText } from "../lib/confirm";
import { type KernelVerdict, sweepNotice } from "../lib/liveness";
import { alertFor } from "../studio/alert";
import { h } from "../studio/dom";
import type { Summary } from "./model";
import type { CompareAsk } from "./requests";

export interface Header {
  element: HTMLElement;
  /** `unfinished`: task ids of cells still under way, named in the dead-kernel notice. */
  update(summary: Summary, kernel: KernelVerdict, unfinished: string[]): void;
  /** The contact sheet's PNG, written by the kernel to `path`. */
  /** Shows the contact sheet at `url` (an object URL the widget owns and revokes). */
  showSheet(url: string, path: string): void;
}

const START_LABELS: Record<Summary["phase"], string> = {
  planned: "Start",
  running: "Running…",
  done: "Done",
  refused: "Start",
};

/** `tools`: controls of the view's own placed in the summary row (Sort by); `panels`: parts of
 * its own under the buttons (Export). */
export function header(
  ask: CompareAsk,
  tools: readonly HTMLElement[] = [],
  panels: readonly HTMLElement[] = [],
): Header {
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
  const startError = alertFor("start-error", [start], "kc-error");
  const sheetError = alertFor("contact-sheet-error", [sheet], "kc-error");
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
    h("div", { class: "kc-summary" }, tasks, units, unsupported, phase, start, sheet, ...tools),
    startError.element,
    sheetError.element,
    ...panels,
    where,
    service,
    warnings,
    sheetView,
    gone,
  );

  // Over budget, the first click only arms the button; the second sends confirm: true.
  let armed = false;
  let starting = false;
  let current: Summary | null = null;
  let alive = true;

  function render(): void {
    if (!current) return;
    const running = current.phase === "running" || current.phase === "done";
    start.disabled = running || starting || !alive;
    start.classList.toggle("kc-armed", armed);
    start.textContent = !alive
      ? "Kernel gone"
      : armed
        ? `Over budget: start anyway (≈ ${unitsText(current.units)})?`
        : START_LABELS[current.phase];
  }

  start.addEventListener("click", () => {
    if (!current) return;
    startError.show(null);
    if (current.over_budget && !armed) {
      armed = true;
      render();
      return;
    }
    const confirm = armed;
    armed = false;
    starting = true; // until the kernel answers: no double start
    render();
    void ask({ type: "start", confirm }).then((reply) => {
      starting = false;
      startError.show(reply.ok ? null : reply.error);
      render();
    });
  });
  sheet.addEventListener("click", () => {
    sheetError.show(null);
    sheet.disabled = true;
    void ask({ type: "contact-sheet" }).then((reply) => {
      sheet.disabled = false;
      if (reply.ok) sheetPath.textContent = reply.path;
      else sheetError.show(reply.error);
    });
  });

  return {
    element,
    update(summary, kernel, unfinished) {
      current = summary;
      alive = kernel === "alive";
      armed = armed && summary.over_budget && summary.phase !== "running";
      tasks.textContent = `${summary.tasks} task${summary.tasks === 1 ? "" : "s"}`;
      const budget = summary.max_units === null ? "" : ` of ${summary.max_units} allowed`;
      units.textContent = `≈ ${unitsText(summary.units)}${budget}`;
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
      gone.textContent = sweepNotice(kernel, unfinished);
      gone.hidden = alive;
      warnings.replaceChildren(...summary.warnings.map((text) => h("li", {}, text)));
      sheetPath.textContent = summary.contact_sheet ?? "";
      sheetView.hidden = !summary.contact_sheet || !sheetUrl;
      render();
    },
    showSheet(url, path) {
      sheetUrl = url;
      sheetImage.src = sheetUrl;
      sheetDownload.href = sheetUrl;
      sheetDownload.download = path.split(/[\\/]/).pop() || "contact-sheet.png";
      sheetPath.textContent = path;
      sheetView.hidden = false;
    },
  };
}
