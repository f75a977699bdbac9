// Generate, and what it costs: "this run ≈ N units · spent today M". Over the budget the first
// click only arms the button, which then says what it will spend; the second click sends.

import {
  type Confirmation,
  generateLabel,
  isArmed,
  press,
  reconcile,
  UNARMED,
} from "../lib/confirm";
import { spendText } from "../lib/spend";
import { h } from "./dom";
import type { Model } from "./model";

/** How long Generate stays disabled after a click if the kernel does not answer. */
const SENT_HOLD_MS = 5000;

export interface GenerateState {
  /** Something (a problem, a control) blocks the request. */
  blocked: boolean;
  busy: boolean;
  kernelAlive: boolean;
}

export interface GenerateControl {
  element: HTMLElement;
  update(state: GenerateState): void;
}

export function generateControl(
  model: Model,
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
  let last: GenerateState = { blocked: false, busy: false, kernelAlive: true };
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
    confirmation = reconcile(confirmation, overBudget(), estimate());
    if (sentWith !== null && model.get("status") !== sentWith) sentWith = null;
    button.disabled = last.blocked || last.busy || !last.kernelAlive || sentWith !== null;
    button.textContent = generateLabel(confirmation, estimate(), last.busy);
    button.classList.toggle("ks-armed", isArmed(confirmation, estimate()));
    const spend = model.get("spend");
    const units = model.get("units");
    cost.textContent = spend ? spendText(spend) : units === null ? "" : `≈ ${units} units`;
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
    update(state) {
      last = state;
      render();
    },
  };
}
