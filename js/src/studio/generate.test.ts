// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { StudioReplies } from "../generated/contract";
import { generateControl } from "./generate";
import type { Model, Traits } from "./model";

/** The traits Generate reads, changed by the test as the kernel would change them. */
function model(traits: Partial<Traits>): Model & { traits: Partial<Traits> } {
  const state = { traits };
  return Object.assign(state, {
    get: <K extends keyof Traits>(name: K) => state.traits[name] as Traits[K],
    set: () => {},
    save_changes: () => {},
    on: () => {},
    off: () => {},
    send: () => {},
  });
}

const SPEND = { run: 1, today: 1, budget: 1.5, left: 0.5, over: false, emulated: true };
const OVER_TEXT =
  "this task would cost about 1 units; 1 of today's budget of 1.5 units are spent, so 0.5 are " +
  "left; nothing was sent (confirm to spend it anyway). Click Generate again to confirm, or " +
  "call studio.generate(allow_over_budget=True).";

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Generate", () => {
  it("waits for its reply, then says a refusal under the button until the next click", async () => {
    const studio = model({
      spend: SPEND,
      units: 1,
      status: { phase: "idle" },
      problems: [],
      controls: {},
    });
    const asked: boolean[] = [];
    let answer: (reply: StudioReplies["generate"]) => void = () => {};
    const said: string[] = [];
    const control = generateControl(
      studio,
      () => "alive",
      (allow) => {
        asked.push(allow);
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
      () => said.push(control.said()), // the status re-reads the refusal each time it changes
    );
    const render = () => {
      for (const update of control.updates) update.run();
    };
    render();
    const button = control.element.querySelector("button") as HTMLButtonElement;
    button.click();
    expect(button.disabled).toBe(true); // no second send while the first is out
    studio.traits.status = { phase: "over-budget", message: OVER_TEXT };
    answer({
      ok: false,
      error: {
        field: "generate",
        rule: "must stay within the budget",
        value: null,
        text: OVER_TEXT,
      },
    });
    await settled();
    const error = control.element.querySelector('[data-testid="generate-error"]') as HTMLElement;
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toBe(OVER_TEXT);
    expect(control.said()).toBe(OVER_TEXT);
    expect(button.disabled).toBe(false);
    // Refused over the budget: the next click confirms, as the words say.
    expect(button.textContent).toBe("Over budget — click again to spend ≈ 1 unit");
    button.click();
    expect(error.textContent).toBe("");
    expect(asked).toEqual([false, true]);
    expect(said).toEqual(["", OVER_TEXT, ""]);
  });
});

describe("the cost beside Generate", () => {
  it("counts one unit in the singular, with or without today's spend", () => {
    const studio = model({
      spend: { ...SPEND, run: 1 },
      units: 1,
      status: { phase: "idle" },
      problems: [],
      controls: {},
    });
    const control = generateControl(
      studio,
      () => "alive",
      () => new Promise(() => {}),
    );
    const cost = control.element.querySelector('[data-testid="cost"]') as HTMLElement;
    const render = () => {
      for (const update of control.updates) update.run();
    };
    render();
    expect(cost.textContent).toBe(
      "this run ≈ 1 unit · spent today 1 (emulated) · budget 1.5, 0.5 left",
    );
    studio.traits.spend = undefined as unknown as Traits["spend"]; // before the kernel sends it
    render();
    expect(cost.textContent).toBe("≈ 1 unit");
  });

  it("does not let a warning block Generate, only errors", () => {
    const warning = {
      field: "dynamic_masks",
      rule: "the motion brush: kept, not sent with kling-v2-1 pro 5 s",
      value: null,
      severity: "warning" as const,
      text: "Motion brush: the motion brush: kept, not sent with kling-v2-1 pro 5 s",
    };
    const studio = model({
      spend: SPEND,
      units: 1,
      status: { phase: "idle" },
      problems: [warning],
      controls: {},
    });
    const control = generateControl(
      studio,
      () => "alive",
      () => new Promise(() => {}),
    );
    const render = () => {
      for (const update of control.updates) update.run();
    };
    render();
    const button = control.element.querySelector("button") as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    studio.traits.problems = [warning, { ...warning, field: "prompt", severity: "error" }];
    render();
    expect(button.disabled).toBe(true);
  });
});
