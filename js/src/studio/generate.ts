// Generate, and what it costs: "this run ≈ N units · spent today M". Over the budget the first
// click only arms the button, which then says what it will spend; the second click sends.
// Below it, the problems that block the request.

import {
  type Confirmation,
  generateLabel,
  isArmed,
  press,
  reconcile,
  UNARMED,
} from "../lib/confirm";
import type { KernelVerdict } from "../lib/liveness";
import { spendText } from "../lib/spend";
import { h, setDisabled, setText } from "./dom";
import type { Model, Problem, Updates } from "./model";
import { BUSY } from "./status";

/** How long Generate stays disabled after a click if the kernel does not answer. */
const SENT_HOLD_MS = 5000;

export interface GenerateControl {
  element: HTMLElement;
  updates: Updates;
}

/** The problems that stop the request being sent (warnings do not). */
function blocking(model: Model): Problem[] {
  return model.get("problems").filter((problem) => problem.severity !== "warning");
}

export function generateControl(
  model: Model,
  kernel: () => KernelVerdict,
  send: (allowOverBudget: boolean) => void,
): GenerateControl {
  const button = h(
    "button",
    { type: "button", class: "ks-generate", "data-testid": "generate" },
    "Generate",
  );
  const cost = h("span", { class: "ks-cost", "data-testid": "cost", "aria-live": "polite" });
  const element = h("div", { class: "ks-actions" }, button, cost);
  let confirmation: Confirmation = UNARMED;
  // After a send, the button waits for the kernel's next status (or a while): no double sends.
  let sentWith: unknown = null;
  let release = 0;

  function overBudget(): boolean {
    return Boolean(model.get("spend")?.over) || model.get("status")?.phase === "over-budget";
  }

  function estimate(): number | null {
    return model.get("spend")?.run ?? model.get("units");
  }

  function render(): void {
    const alive = kernel() === "alive";
    const busy = alive && BUSY.has(model.get("status")?.phase ?? "idle");
    const blocked = blocking(model).length > 0 || model.get("controls").generate?.enabled === false;
    confirmation = reconcile(confirmation, overBudget(), estimate());
    if (sentWith !== null && model.get("status") !== sentWith) sentWith = null;
    setDisabled(button, blocked || busy || !alive || sentWith !== null);
    setText(button, generateLabel(confirmation, estimate(), busy));
    button.classList.toggle("ks-armed", isArmed(confirmation, estimate()));
    const spend = model.get("spend");
    const units = model.get("units");
    setText(cost, spend ? spendText(spend) : units === null ? "" : `≈ ${units} units`);
    cost.classList.toggle("ks-over", overBudget());
  }

  button.addEventListener("click", () => {
    const { next, send: sending } = press(confirmation, overBudget(), estimate());
    confirmation = next;
    if (sending) {
      sentWith = model.get("status");
      window.clearTimeout(release);
      release = window.setTimeout(() => {
        sentWith = null;
        render();
      }, SENT_HOLD_MS);
      send(sending.allowOverBudget);
    }
    render();
  });

  return {
    element,
    updates: [
      { reads: ["spend", "units", "status", "problems", "controls", "kernel"], run: render },
    ],
  };
}

/** The problems that block Generate, one per line. */
export function blockers(model: Model): { element: HTMLElement; updates: Updates } {
  const element = h("div", { class: "ks-blockers", "data-testid": "blockers" });
  const show = () => {
    setText(
      element,
      blocking(model)
        .map((problem) => problem.text)
        .join("\n"),
    );
  };
  return { element, updates: [{ reads: ["problems"], run: show }] };
}
