import { describe, expect, it } from "vitest";
import { type FrameClock, Redraw } from "./redraw";

/** Frames that run only when the test says so. */
function manualFrames(): FrameClock & { run(): void; waiting(): number } {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    request(callback) {
      callbacks.set(next, callback);
      next += 1;
      return next - 1;
    },
    cancel(handle) {
      callbacks.delete(handle);
    },
    run() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback();
    },
    waiting: () => callbacks.size,
  };
}

type Part = "picture" | "layers" | "paths";
const ORDER: readonly Part[] = ["picture", "layers", "paths"];

describe("Redraw", () => {
  it("draws nothing until the frame, then each dirty part once, in order", () => {
    const frames = manualFrames();
    const drawn: Part[] = [];
    const redraw = new Redraw(ORDER, (part) => drawn.push(part), frames);
    redraw.invalidate("paths");
    redraw.invalidate("picture", "paths");
    redraw.invalidate("paths");
    expect(drawn).toEqual([]);
    expect(frames.waiting()).toBe(1);
    frames.run();
    expect(drawn).toEqual(["picture", "paths"]);
    frames.run();
    expect(drawn).toEqual(["picture", "paths"]);
  });

  it("asks for no frame when nothing is dirty", () => {
    const frames = manualFrames();
    const redraw = new Redraw(ORDER, () => undefined, frames);
    redraw.invalidate();
    expect(frames.waiting()).toBe(0);
  });

  it("draws now on flush, and the frame then has nothing left to do", () => {
    const frames = manualFrames();
    const drawn: Part[] = [];
    const redraw = new Redraw(ORDER, (part) => drawn.push(part), frames);
    redraw.invalidate("layers");
    expect(redraw.isDirty("layers")).toBe(true);
    redraw.flush();
    expect(redraw.isDirty("layers")).toBe(false);
    frames.run();
    expect(drawn).toEqual(["layers"]);
  });

  it("leaves a part marked while drawing for the next frame", () => {
    const frames = manualFrames();
    const drawn: Part[] = [];
    const redraw = new Redraw(
      ORDER,
      (part) => {
        drawn.push(part);
        if (part === "paths" && drawn.length === 1) redraw.invalidate("picture");
      },
      frames,
    );
    redraw.invalidate("paths");
    frames.run();
    expect(drawn).toEqual(["paths"]);
    frames.run();
    expect(drawn).toEqual(["paths", "picture"]);
  });

  it("draws nothing after destroy", () => {
    const frames = manualFrames();
    const drawn: Part[] = [];
    const redraw = new Redraw(ORDER, (part) => drawn.push(part), frames);
    redraw.invalidate("paths");
    redraw.destroy();
    redraw.invalidate("picture");
    frames.run();
    expect(drawn).toEqual([]);
    expect(frames.waiting()).toBe(0);
  });
});
