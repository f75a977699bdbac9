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

  /** Area → how many times its paint changed in the view (the painter's count). */
  const edits = new Map<string, number>();
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
    edits.clear();
    host = {
      settle: () => Promise.resolve(),
      ask: (request) => new Promise((answer) => asked.push({ request, answer })),
      invalidate: () => {},
      edits: (area) => edits.get(area) ?? 0,
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
    expect(selections.take(request?.token ?? "")).toEqual({ editedSince: false });
    expect(selections.take(request?.token ?? "")).toBeNull(); // taken once
    expect(selections.take("someone-else")).toBeNull();
  });

  it("says when the area's paint changed here after it asked (an undo while it worked)", async () => {
    await click("dynamic-1");
    await click("dynamic-2");
    const [one, two] = asked;
    edits.set("dynamic-1", 1); // e.g. Ctrl+Z on dynamic 1 before its answer came
    expect(selections.take(one?.request.token ?? "")).toEqual({ editedSince: true });
    expect(selections.take(two?.request.token ?? "")).toEqual({ editedSince: false });
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
    expect(selections.take(first?.request.token ?? "")).toBeNull();
    second?.answer(ok("dynamic-1"));
    await flush();
    expect(status()).toBeNull();
    expect(selections.take(second?.request.token ?? "")).toEqual({ editedSince: false });
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

  it("asks a Colour click with its tolerance, never a box", async () => {
    selections.begin("dynamic-2", { x: 10, y: 10 }, false, true, 35);
    selections.move({ x: 80, y: 80 });
    selections.end(1);
    await flush();
    expect(asked[0]?.request).toMatchObject({
      tool: "colour",
      point: [10, 10],
      tolerance: 35,
      add: false,
      remove: true,
    });
  });

  it("asks a Regions stroke with its points and radius; Alt removes, else it adds", async () => {
    selections.strokeBegin("dynamic-3", { x: 1.2, y: 2 }, 9, false);
    selections.strokeMove([
      { x: 5, y: 2 },
      { x: 9.6, y: 3 },
    ]);
    selections.draw(1);
    expect(selections.overlay.style.display).toBe("");
    selections.strokeEnd();
    await flush();
    expect(asked[0]?.request).toMatchObject({
      tool: "regions",
      points: [
        [1, 2],
        [5, 2],
        [10, 3],
      ],
      radius: 9,
      add: true,
      remove: false,
    });
    selections.draw(1);
    expect(selections.overlay.style.display).toBe("none");
  });

  it("places a lasso's anchors, takes one back, and asks once it closes", async () => {
    for (const [x, y] of [
      [10, 10],
      [60, 10],
      [60, 60],
    ]) {
      selections.lassoClick("dynamic-4", { x: x ?? 0, y: y ?? 0 }, 1, true, false);
    }
    expect(selections.lassoOpen).toBe(true);
    selections.lassoBack();
    expect(selections.lassoClose()).toBe(false); // two anchors make no loop
    selections.lassoClick("dynamic-4", { x: 10, y: 60 }, 1, true, false);
    selections.draw(1);
    expect(selections.overlay.querySelectorAll("circle")).toHaveLength(3);
    expect(selections.lassoClick("dynamic-4", { x: 11, y: 11 }, 1, true, false)).toBe("closed");
    await flush();
    expect(selections.lassoOpen).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.request).toMatchObject({
      tool: "lasso",
      area: "dynamic-4",
      points: [
        [10, 10],
        [60, 10],
        [10, 60],
      ],
      add: true,
    });
  });

  it("drops a lasso with Escape, asking nothing", async () => {
    selections.lassoClick("static", { x: 1, y: 1 }, 1, false, false);
    expect(selections.lassoCancel()).toBe(true);
    expect(selections.lassoCancel()).toBe(false);
    await flush();
    expect(asked).toHaveLength(0);
  });

  it("passes a file's bytes along and says the kernel's note", async () => {
    const bytes = new ArrayBuffer(4);
    let buffers: ArrayBuffer[] | undefined;
    host.ask = (request, sent) => {
      buffers = sent;
      return Promise.resolve({ ...ok(request.area), note: "scaled to 1280×720" });
    };
    const reply = await selections.request(
      "dynamic-5",
      { tool: "file", name: "m.png", add: false, remove: false },
      [bytes],
    );
    await flush();
    expect(reply?.ok).toBe(true);
    expect(buffers).toEqual([bytes]);
    expect(status()).toBe("scaled to 1280×720");
    selections.quiet();
    expect(status()).toBeNull();
  });
});
