// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SelectThing, StudioReplies } from "../../generated/contract";
import { PROGRESS_AFTER_MS, type SelectHost, Selections, selectionOf } from "./selecting";

type Reply = StudioReplies["select"];

describe("selectionOf", () => {
  it("is a click while the pointer moved less than a few screen pixels", () => {
    expect(selectionOf({ x: 10.4, y: 20.6 }, { x: 11, y: 21 }, 2)).toEqual({ point: [10, 21] });
  });

  it("is the box between press and release, whichever way it was dragged", () => {
    expect(selectionOf({ x: 300, y: 40 }, { x: 100, y: 240 }, 0.5)).toEqual({
      box: [100, 40, 300, 240],
    });
  });
});

describe("Selections", () => {
  let asked: { request: SelectThing; answer: (reply: Reply) => void }[];
  let host: SelectHost;
  let selections: Selections;

  const ok = (area: string): Reply => ({ ok: true, area, painted_pixels: 10, ms: 5 });
  const flush = () => vi.advanceTimersByTimeAsync(0);
  const click = async (area: string, add = false) => {
    selections.begin(area, { x: 5, y: 5 }, add, false);
    selections.end(1);
    await flush();
  };
  const status = () => {
    selections.draw(1);
    return selections.status.hidden ? null : selections.status.textContent;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    asked = [];
    host = {
      settle: () => Promise.resolve(),
      ask: (request) => new Promise((answer) => asked.push({ request, answer })),
      invalidate: () => {},
    };
    selections = new Selections(host);
    selections.setSize(100, 100);
  });

  afterEach(() => {
    selections.destroy();
    vi.useRealTimers();
  });

  it("asks for the click with its modifiers and a token the answering mask carries", async () => {
    await click("dynamic-1", true);
    const { request } = asked[0] ?? {};
    expect(request).toMatchObject({ type: "select", area: "dynamic-1", point: [5, 5], add: true });
    expect(selections.take(request?.token ?? "")).toBe(true);
    expect(selections.take(request?.token ?? "")).toBe(false); // taken once
    expect(selections.take("someone-else")).toBe(false);
  });

  it("shows progress only once an answer takes longer than a moment", async () => {
    await click("dynamic-1");
    expect(status()).toBeNull();
    await vi.advanceTimersByTimeAsync(PROGRESS_AFTER_MS);
    expect(status()).toBe("Selecting…");
    asked[0]?.answer(ok("dynamic-1"));
    await flush();
    expect(status()).toBeNull();
  });

  it("lets a newer click supersede: only the newest answer ends the progress", async () => {
    await click("dynamic-1");
    await click("dynamic-1");
    await vi.advanceTimersByTimeAsync(PROGRESS_AFTER_MS);
    const [first, second] = asked;
    first?.answer({
      ok: false,
      error: { field: "select", rule: "is superseded", value: null, text: "replaced" },
    });
    await flush();
    expect(status()).toBe("Selecting…"); // the newer one is still being worked out
    expect(selections.take(first?.request.token ?? "")).toBe(false);
    second?.answer(ok("dynamic-1"));
    await flush();
    expect(status()).toBeNull();
    expect(selections.take(second?.request.token ?? "")).toBe(true);
  });

  it("says why a selection was refused, until the next press", async () => {
    await click("static");
    asked[0]?.answer({
      ok: false,
      error: { field: "point", rule: "inside", value: "(5, 5)", text: "point must be inside" },
    });
    await flush();
    expect(status()).toBe("Could not select: point must be inside");
    selections.begin("static", { x: 1, y: 1 }, false, false);
    expect(status()).toBeNull();
  });

  it("shows the box being dragged in shares of the picture", () => {
    selections.begin("static", { x: 10, y: 20 }, false, false);
    selections.move({ x: 60, y: 70 });
    selections.draw(1);
    expect(selections.box.hidden).toBe(false);
    expect(selections.box.style.left).toBe("10%");
    expect(selections.box.style.width).toBe("50%");
    selections.cancel();
    selections.draw(1);
    expect(selections.box.hidden).toBe(true);
  });
});
