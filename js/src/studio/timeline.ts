// The shots on one bar, each as long as its seconds, with a handle on each cut between two shots.
// A handle is a slider (role="slider", its value the cut's second from the start): dragged, or
// moved with the arrow keys, Page Up/Down, Home and End, it passes whole seconds between its two
// neighbours only (lib/shots.ts decides how far). Handles and segments are kept by position, so
// the handle being moved keeps the keyboard across the trait updates each move causes.

import { type CutRange, cutRange, starts, total } from "../lib/shots";
import { h, setText } from "./dom";

export interface TimelineState {
  seconds: readonly number[];
  min: number;
  enabled: boolean;
}

export interface Timeline {
  element: HTMLElement;
  show(state: TimelineState): void;
  /** Marks the segment of the shot being edited (null: none). */
  highlight(position: number | null): void;
}

function within(range: CutRange, at: number): number {
  return Math.max(range.min, Math.min(range.max, at));
}

/** `onCut(cut, at)`: the person asks for the cut after shot `cut` to be at `at` seconds. */
export function timeline(onCut: (cut: number, at: number) => void): Timeline {
  const strip = h("div", { class: "ks-timeline-strip" });
  const handles = h("div", { class: "ks-timeline-cuts" });
  const bar = h("div", { class: "ks-timeline-bar", "data-testid": "timeline-bar" }, strip, handles);
  const end = h("span", { class: "ks-timeline-end" });
  const element = h(
    "div",
    { class: "ks-timeline", role: "group", "aria-label": "Shots on the timeline" },
    bar,
    h("div", { class: "ks-timeline-scale", "aria-hidden": "true" }, h("span", {}, "0 s"), end),
  );
  const segments: HTMLElement[] = [];
  const cuts: HTMLElement[] = [];
  let state: TimelineState = { seconds: [], min: 1, enabled: true };
  let dragging: number | null = null;

  /** The second under the pointer, from the bar's start. */
  function secondAt(clientX: number): number {
    const box = bar.getBoundingClientRect();
    const sum = total(state.seconds);
    return box.width > 0 ? ((clientX - box.left) / box.width) * sum : 0;
  }

  function makeCut(cut: number): HTMLElement {
    const handle = h("div", {
      class: "ks-cut",
      role: "slider",
      tabindex: 0,
      "aria-orientation": "horizontal",
      "data-testid": `cut-${cut}`,
    });
    handle.addEventListener("keydown", (event) => {
      if (!state.enabled) return;
      const range = cutRange(state.seconds, cut, state.min);
      const step: Record<string, number> = {
        ArrowLeft: range.at - 1,
        ArrowDown: range.at - 1,
        ArrowRight: range.at + 1,
        ArrowUp: range.at + 1,
        PageDown: range.at - 5,
        PageUp: range.at + 5,
        Home: range.min,
        End: range.max,
      };
      const asked = step[event.key];
      if (asked === undefined) return;
      event.preventDefault();
      event.stopPropagation(); // the painter's keys and JupyterLab's stay out of it
      const to = within(range, asked);
      if (to !== range.at) onCut(cut, to);
    });
    handle.addEventListener("pointerdown", (event) => {
      if (!state.enabled || event.button !== 0) return;
      event.preventDefault();
      handle.focus();
      handle.setPointerCapture(event.pointerId);
      dragging = cut;
    });
    handle.addEventListener("pointermove", (event) => {
      if (dragging !== cut) return;
      const range = cutRange(state.seconds, cut, state.min);
      const to = within(range, Math.round(secondAt(event.clientX)));
      if (to !== range.at) onCut(cut, to); // once per second crossed, none past the range
    });
    const stop = () => {
      if (dragging === cut) dragging = null;
    };
    handle.addEventListener("pointerup", stop);
    handle.addEventListener("pointercancel", stop);
    handle.addEventListener("lostpointercapture", stop);
    return handle;
  }

  /** Exactly `count` elements in `list` (and `box`), made by `make`; those there stay put. */
  function resize(
    box: HTMLElement,
    list: HTMLElement[],
    count: number,
    make: (index: number) => HTMLElement,
  ): void {
    while (list.length < count) {
      const made = make(list.length);
      list.push(made);
      box.append(made);
    }
    for (const gone of list.splice(count)) gone.remove();
  }

  return {
    element,
    show(next) {
      state = next;
      const { seconds, min, enabled } = next;
      const sum = total(seconds);
      resize(strip, segments, seconds.length, () => h("div", { class: "ks-segment" }));
      resize(handles, cuts, Math.max(0, seconds.length - 1), makeCut);
      const begin = starts(seconds);
      seconds.forEach((value, position) => {
        const segment = segments[position];
        if (!segment) return;
        const words = `${position + 1} · ${value} s`;
        if (segment.title !== words) {
          // The shot's number is dropped where the segment is short (studio.css); the title
          // keeps the whole text.
          segment.replaceChildren(
            h("span", { class: "ks-segment-number" }, `${position + 1} · `),
            `${value} s`,
          );
          segment.title = words;
        }
        segment.style.flexGrow = String(Math.max(value, 0));
        segment.dataset.testid = `segment-${position}`;
      });
      cuts.forEach((handle, cut) => {
        const range = cutRange(seconds, cut, min);
        const at = sum > 0 ? ((begin[cut + 1] ?? 0) / sum) * 100 : 0;
        handle.style.left = `${at}%`;
        handle.setAttribute("aria-label", `Cut between shot ${cut + 1} and shot ${cut + 2}`);
        handle.setAttribute("aria-valuemin", String(range.min));
        handle.setAttribute("aria-valuemax", String(range.max));
        handle.setAttribute("aria-valuenow", String(range.at));
        handle.setAttribute(
          "aria-valuetext",
          `${range.at} s: shot ${cut + 1} ${seconds[cut]} s, shot ${cut + 2} ${seconds[cut + 1]} s`,
        );
        if (enabled) handle.removeAttribute("aria-disabled");
        else handle.setAttribute("aria-disabled", "true");
        handle.tabIndex = enabled ? 0 : -1;
      });
      setText(end, `${sum} s`);
    },
    highlight(position) {
      segments.forEach((segment, index) => {
        segment.classList.toggle("ks-current", index === position);
      });
    },
  };
}
