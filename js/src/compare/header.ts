// The plan at a glance: tasks, estimated units against the budget, warnings, unsupported cells;
// Start (asking again when over budget) and, once done, the contact sheet.

import { h } from "../studio/dom";
import type { CompareModel, Summary } from "./model";

export interface Header {
  element: HTMLElement;
  update(summary: Summary): void;
}

const START_LABELS: Record<Summary["phase"], string> = {
  planned: "Start",
  running: "Running…",
  done: "Done",
  refused: "Start",
};

/** How long Start stays disabled after a click if the kernel does not answer. */
const SENT_HOLD_MS = 5000;

export function header(model: CompareModel): Header {
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
  const element = h(
    "div",
    { class: "kc-header" },
    h("div", { class: "kc-summary" }, tasks, units, unsupported, phase, start, sheet),
    warnings,
  );

  // Over budget, the first click only arms the button; the second sends confirm: true.
  let armed = false;
  let sent = false;
  let unblock = 0;
  let current: Summary | null = null;

  function render(): void {
    if (!current) return;
    const running = current.phase === "running" || current.phase === "done";
    start.disabled = running || sent;
    start.classList.toggle("kc-armed", armed);
    start.textContent = armed
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
    model.send({ type: "start", confirm: armed });
    armed = false;
    sent = true; // until the kernel answers with a new summary (or a while): no double start
    clearTimeout(unblock);
    unblock = window.setTimeout(() => {
      sent = false;
      render();
    }, SENT_HOLD_MS);
    render();
  });
  sheet.addEventListener("click", () => model.send({ type: "contact-sheet" }));

  return {
    element,
    update(summary) {
      current = summary;
      armed = armed && summary.over_budget && summary.phase !== "running";
      sent = false;
      clearTimeout(unblock);
      tasks.textContent = `${summary.tasks} task${summary.tasks === 1 ? "" : "s"}`;
      const budget = summary.max_units === null ? "" : ` of ${summary.max_units} allowed`;
      units.textContent = `≈ ${summary.units} units${budget}`;
      units.classList.toggle("kc-over", summary.over_budget);
      unsupported.textContent = summary.unsupported ? `${summary.unsupported} unsupported` : "";
      phase.textContent = summary.phase;
      phase.dataset.phase = summary.phase;
      sheet.hidden = summary.phase !== "done";
      warnings.replaceChildren(...summary.warnings.map((text) => h("li", {}, text)));
      render();
    },
  };
}
