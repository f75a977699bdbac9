// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CompareReplies } from "../generated/contract";
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
