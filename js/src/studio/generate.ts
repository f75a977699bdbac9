// Generate, and what it costs: "this run ≈ N units · spent today M". Over the budget the first
// click only arms the button, which then says what it will spend; the second click sends.
// Generate is a request: it is answered when Kling has the task or the run is refused (over
// budget, a broken rule, the service's refusal), and a refusal is said right under the button
// until the next click. While the request is out the button waits, so nothing is sent twice.
// Below it, the problems that block the request.

import type { StudioReplies } from "../generated/contract";
import {
  type Confirmation,
  generateLabel,
  isArmed,
  press,
  reconcile,
  UNARMED,
  unitsText,
} from "../lib/confirm";
import type { KernelVerdict } from "../lib/liveness";
import { spendText } from "../lib/spend";
import { alertFor } from "./alert";
import { h, setDisabled, setText } from "./dom";
import type { Model, Problem, Updates } from "./model";
import { BUSY } from "./status";

export interface GenerateControl {
  element: HTMLElement;
  updates: Updates;
  /** The refusal shown under the button ("" when none): the status need not say it again. */
  said(): string;
}

/** The problems that stop the request being sent (warnings do not). */
function blocking(model: Model): Problem[] {
  return model.get("problems").filter((problem) => problem.severity !== "warning");
}

/**
 * `ask` sends the request and resolves with the kernel's reply; `onSaid` runs whenever the
 * refusal under the button changes (the widget re-runs the updates that read `refusal`).
 */
export function generateControl(
  model: Model,
  kernel: () => KernelVerdict,
  ask: (allowOverBudget: boolean) => Promise<StudioReplies["generate"]>,
  onSaid: () => void = () => {},
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
  let asking = false;

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
    setDisabled(button, blocked || busy || !alive || asking);
    setText(button, generateLabel(confirmation, estimate(), busy || asking));
    button.classList.toggle("ks-armed", isArmed(confirmation, estimate()));
    const spend = model.get("spend");
    const units = model.get("units");
    setText(cost, spend ? spendText(spend) : units === null ? "" : `≈ ${unitsText(units)}`);
    cost.classList.toggle("ks-over", overBudget());
  }

  button.addEventListener("click", () => {
    const { next, send: sending } = press(confirmation, overBudget(), estimate());
    confirmation = next;
    refusal.show(null);
    onSaid();
    if (sending) {
      asking = true;
      void ask(sending.allowOverBudget).then((reply) => {
        asking = false;
        refusal.show(reply.ok ? null : reply.error);
        // Refused over the budget (spent elsewhere since): the next click confirms, as it says.
        if (!reply.ok && overBudget()) confirmation = { armedFor: estimate() ?? 0 };
        render();
        onSaid();
      });
    }
    render();
  });

  return {
    element,
    updates: [
      { reads: ["spend", "units", "status", "problems", "controls", "kernel"], run: render },
    ],
    said: refusal.text,
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
