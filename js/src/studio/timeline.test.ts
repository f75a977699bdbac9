// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { moveCut } from "../lib/shots";
import { timeline } from "./timeline";

/** A timeline on a bar 300 px wide from x = 100, moving its cuts as the editor would. */
function bar(start: number[]) {
  let seconds = start;
  const moves: [number, number][] = [];
  const view = timeline((cut, at) => {
    moves.push([cut, at]);
    seconds = moveCut(seconds, cut, at, 1);
    view.show({ seconds, min: 1, enabled: true });
  });
  document.body.replaceChildren(view.element);
  const strip = view.element.querySelector<HTMLElement>('[data-testid="timeline-bar"]');
  if (!strip) throw new Error("no bar");
  strip.getBoundingClientRect = () => ({ left: 100, width: 300 }) as DOMRect;
  view.show({ seconds, min: 1, enabled: true });
  return { view, moves, seconds: () => seconds };
}

function pointer(target: Element, type: string, clientX: number): void {
  const event = new MouseEvent(type, { bubbles: true, cancelable: true, clientX, button: 0 });
  Object.defineProperty(event, "pointerId", { value: 1 });
  target.dispatchEvent(event);
}

describe("dragging a cut", () => {
  it("moves whole seconds, once per second crossed, and never past a neighbour's minimum", () => {
    const { view, moves, seconds } = bar([3, 4, 3]);
    const handle = view.element.querySelector<HTMLElement>('[data-testid="cut-0"]');
    if (!handle) throw new Error("no handle");
    handle.setPointerCapture = () => {};
    expect(handle.style.left).toBe("30%");
    pointer(handle, "pointerdown", 190);
    expect(document.activeElement).toBe(handle);
    pointer(handle, "pointermove", 195); // still at 3 s (3.2 rounds down): nothing sent
    expect(moves).toEqual([]);
    pointer(handle, "pointermove", 250); // 5 s
    expect(seconds()).toEqual([5, 2, 3]);
    pointer(handle, "pointermove", 399); // past shot 2's last second
    expect(seconds()).toEqual([6, 1, 3]);
    expect(handle.style.left).toBe("60%");
    pointer(handle, "pointermove", 420); // further past it: nothing more to send
    pointer(handle, "pointerup", 420);
    pointer(handle, "pointermove", 130); // no longer dragging
    expect(seconds()).toEqual([6, 1, 3]);
    expect(moves).toEqual([
      [0, 5],
      [0, 6],
    ]);
  });

  it("ignores a drag while the shots cannot be edited", () => {
    const { view, moves } = bar([5, 5]);
    view.show({ seconds: [5, 5], min: 1, enabled: false });
    const handle = view.element.querySelector<HTMLElement>('[data-testid="cut-0"]');
    if (!handle) throw new Error("no handle");
    pointer(handle, "pointerdown", 130);
    pointer(handle, "pointermove", 130);
    expect(moves).toEqual([]);
    expect(handle.tabIndex).toBe(-1);
  });
});
