// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CompareReplies } from "../generated/contract";
import { DONE, FAILED_CHECK, MEASURING_CHECK, REVERSED } from "../lib/motionfixtures";
import { card } from "./card";
import type { Cell } from "./model";

const REASON = "Content security policy triggered (code 1301)";
const FAILED: Cell = {
  id: "c0",
  row: null,
  column: 0,
  label: "cfg_scale 0.5",
  differs: { cfg_scale: "0.5" },
  status: "failed",
  reason: REASON,
  elapsed: null,
  units: null,
  estimate: 1,
  task_id: null,
  has_video: false,
  path: null,
  fps: 30,
  motion: null,
  sound: false,
};

function part(root: HTMLElement, testid: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (found === null) throw new Error(`no ${testid}`);
  return found;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("a cell's Retry", () => {
  it("says a failed retry under Retry, once, until the next click", async () => {
    const failedAgain: CompareReplies["retry"] = {
      ok: false,
      error: {
        field: "retry",
        rule: "the retried task must succeed",
        value: "failed",
        text: `Retry of cfg_scale 0.5 failed: ${REASON}`,
      },
    };
    const asked: string[] = [];
    const view = card("c0", (id) => {
      asked.push(id);
      return Promise.resolve(failedAgain);
    });
    view.update(FAILED);
    expect(part(view.element, "reason-c0").textContent).toBe(REASON);
    const retry = part(view.element, "retry-c0") as HTMLButtonElement;
    retry.click();
    expect(retry.disabled).toBe(true);
    await settled();
    const error = part(view.element, "retry-error-c0");
    expect(asked).toEqual(["c0"]);
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toBe(`Retry of cfg_scale 0.5 failed: ${REASON}`);
    expect(retry.getAttribute("aria-describedby")).toBe(error.id);
    expect(part(view.element, "reason-c0").textContent).toBe(""); // the error says it already
    view.update(FAILED); // a later update keeps both as they are
    expect(error.textContent).toContain(REASON);
    expect(part(view.element, "reason-c0").textContent).toBe("");
    retry.click();
    expect(error.textContent).toBe("");
    expect(part(view.element, "reason-c0").textContent).toBe(REASON);
  });

  it("shows no Retry on a cell that did not fail", () => {
    const view = card("c0", () => Promise.resolve({ ok: true } as never));
    view.update({ ...FAILED, status: "succeed", reason: "" });
    expect(view.element.querySelector('[data-testid="retry-c0"]')).toBeNull();
  });
});

describe("a cell's motion check", () => {
  const SUCCEEDED: Cell = { ...FAILED, status: "succeed", reason: "", has_video: true };
  const view = card("c0", () => Promise.resolve({ ok: true } as never));
  const line = () => part(view.element, "motion-c0");
  const problem = () => part(view.element, "motion-problem-c0");

  it("says nothing without a check", () => {
    view.update(SUCCEEDED);
    expect(line().textContent).toBe("");
    expect(line().dataset.state).toBeUndefined();
    expect(problem().textContent).toBe("");
  });

  it("says it is measuring, then the overall score", () => {
    view.update({ ...SUCCEEDED, motion: MEASURING_CHECK });
    expect(line().textContent).toBe("Motion: measuring…");
    expect(line().dataset.state).toBe("measuring");
    expect(line().dataset.score).toBeUndefined();
    view.update({ ...SUCCEEDED, motion: DONE });
    expect(line().textContent).toBe("Motion 82 / 100, good");
    expect(line().dataset.score).toBe("82");
    expect(problem().textContent).toBe(""); // it followed the brush
  });

  it("gives what went wrong in a short line, the whole of it in the title", () => {
    view.update({ ...SUCCEEDED, motion: REVERSED });
    expect(line().textContent).toBe("Motion 12 / 100, poor");
    expect(problem().textContent).toBe("dynamic 1 went the other way");
    expect(problem().title).toBe("dynamic 1 went the other way");
    view.update({ ...SUCCEEDED, motion: FAILED_CHECK });
    expect(line().textContent).toBe("Motion: not measured");
    expect(problem().textContent).toBe("the video could not be read: no frames");
  });
});

describe("a cell's Hear", () => {
  const LOUD: Cell = { ...FAILED, status: "succeed", reason: "", has_video: true, sound: true };

  it("is a toggle named for its cell, shown only where there is sound to hear", () => {
    const pressedOn: string[] = [];
    const view = card(
      "c0",
      () => Promise.resolve({ ok: true } as never),
      (id) => {
        pressedOn.push(id);
      },
    );
    view.update(LOUD);
    const hear = part(view.element, "hear-c0") as HTMLButtonElement;
    view.hearing(false, false);
    expect(hear.hidden).toBe(true);
    view.hearing(true, false);
    expect(hear.hidden).toBe(false);
    expect(hear.tagName).toBe("BUTTON");
    expect(hear.type).toBe("button");
    expect(hear.textContent).toBe("Hear");
    expect(hear.getAttribute("aria-label")).toBe("Hear cfg_scale 0.5");
    expect(hear.getAttribute("aria-pressed")).toBe("false");
    hear.click();
    expect(pressedOn).toEqual(["c0"]); // the view decides who is heard
    view.hearing(true, true);
    expect(hear.getAttribute("aria-pressed")).toBe("true");
    expect(hear.textContent).toBe("Hear"); // the name stays; the state is aria-pressed
    expect(view.element.dataset.heard).toBe("true");
    view.hearing(true, false);
    expect(view.element.dataset.heard).toBeUndefined();
  });
});
