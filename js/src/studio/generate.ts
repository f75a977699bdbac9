// Generate, and what it costs: "this run ≈ N units · spent today M". Over the budget the first
// click only arms the button, which then says what it will spend; the second click sends.
// Generate is a request: it is answered when Kling has the task or the run is refused (over
// budget, a broken rule, the service's refusal), and a refusal is said right under the button
// until the next click. While the request is out the button waits, so nothing is sent twice.

import type { StudioReplies } from "../generated/contract";
import {
  type Confirmation,
  generateLabel,
  isArmed,
  press,
  reconcile,
  UNARMED,
} from "../lib/confirm";
import { spendText } from "../lib/spend";
import { alertFor } from "./alert";
import { h } from "./dom";
import type { Model } from "./model";

export interface GenerateState {
  /** Something (a problem, a control) blocks the request. */
  blocked: boolean;
  busy: boolean;
  kernelAlive: boolean;
}

export interface GenerateControl {
  element: HTMLElement;
  update(state: GenerateState): void;
  /** The refusal shown under the button ("" when none): the status need not say it again. */
  said(): string;
}

export function generateControl(
  model: Model,
  ask: (allowOverBudget: boolean) => Promise<StudioReplies["generate"]>,
  onChange: () => void = () => {},
): GenerateControl {
  const button = h(
    "button",
    { type: "button", class: "ks-generate", "data-testid": "generate" },
    "Generate",
  );
  const cost = h("span", { class: "ks-cost", "data-testid": "cost", "aria-live": "polite" });
  const refusal = alertFor("generate-error", [button], "ks-error");
  const element = h(
    "div",
    { class: "ks-generate-box" },
    h("div", { class: "ks-actions" }, button, cost),
    refusal.element,
  );
  let confirmation: Confirmation = UNARMED;
  let last: GenerateState = { blocked: false, busy: false, kernelAlive: true };
  let asking = false;

  function overBudget(): boolean {
    return Boolean(model.get("spend")?.over) || model.get("status")?.phase === "over-budget";
  }

  function estimate(): number | null {
    return model.get("spend")?.run ?? model.get("units");
  }

  function render(): void {
    confirmation = reconcile(confirmation, overBudget(), estimate());
    button.disabled = last.blocked || last.busy || !last.kernelAlive || asking;
    button.textContent = generateLabel(confirmation, estimate(), last.busy || asking);
    button.classList.toggle("ks-armed", isArmed(confirmation, estimate()));
    const spend = model.get("spend");
    const units = model.get("units");
    cost.textContent = spend ? spendText(spend) : units === null ? "" : `≈ ${units} units`;
    cost.classList.toggle("ks-over", overBudget());
  }

  button.addEventListener("click", () => {
    const { next, send: sending } = press(confirmation, overBudget(), estimate());
    confirmation = next;
    refusal.show(null);
    onChange();
    if (sending) {
      asking = true;
      void ask(sending.allowOverBudget).then((reply) => {
        asking = false;
        refusal.show(reply.ok ? null : reply.error);
        // Refused over the budget (spent elsewhere since): the next click confirms, as it says.
        if (!reply.ok && overBudget()) confirmation = { armedFor: estimate() ?? 0 };
        render();
        onChange();
      });
    }
    render();
  });

  return {
    element,
    update(state) {
      last = state;
      render();
    },
    said: refusal.text,
  };
}
