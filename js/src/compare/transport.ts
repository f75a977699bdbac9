// One transport for every cell: play/pause, a scrub bar over the longest clip, speed, loop, frame
// steps, and the wipe toggle (offered when exactly two cells have videos).

import { SPEEDS, shownFrame } from "../lib/sync";
import { h } from "../studio/dom";
import type { Clock, ClockState } from "./clock";

export interface Transport {
  element: HTMLElement;
  update(state: ClockState, videoCount: number): void;
  /** Shows the wipe toggle when `available`, pressed when `active`. */
  setWipe(available: boolean, active: boolean): void;
}

function button(testid: string, text: string, title: string): HTMLButtonElement {
  return h("button", { type: "button", class: "kc-button", "data-testid": testid, title }, text);
}

export function transport(clock: Clock, onWipe: () => void): Transport {
  const play = button("play", "Play", "Play or pause every video (space)");
  const back = button("step-back", "‹ frame", "One frame back (←)");
  const forward = button("step-forward", "frame ›", "One frame forward (→)");
  const scrub = h("input", {
    type: "range",
    class: "kc-scrub",
    min: 0,
    max: 0,
    step: "any",
    value: 0,
    "aria-label": "Time",
    "data-testid": "scrub",
  });
  const readout = h("span", { class: "kc-time", "data-testid": "time" });
  const speed = h(
    "select",
    { "data-testid": "speed", "aria-label": "Speed", title: "Playback speed" },
    ...SPEEDS.map((rate) => h("option", { value: rate, selected: rate === 1 }, `${rate}×`)),
  );
  const loop = h("input", { type: "checkbox", checked: true, "data-testid": "loop" });
  const wipe = h(
    "button",
    {
      type: "button",
      class: "kc-button",
      "data-testid": "wipe",
      "aria-pressed": "false",
      title: "Overlay the two videos with a movable divider",
    },
    "Wipe",
  );
  const element = h(
    "div",
    { class: "kc-transport", "data-testid": "transport" },
    play,
    back,
    forward,
    scrub,
    readout,
    speed,
    h("label", { class: "kc-check" }, loop, "Loop"),
    wipe,
  );

  let dragging = false;
  let resumeAfterDrag = false;
  play.addEventListener("click", () => clock.toggle());
  back.addEventListener("click", () => clock.step(-1));
  forward.addEventListener("click", () => clock.step(1));
  scrub.addEventListener("pointerdown", () => {
    dragging = true;
    resumeAfterDrag = clock.state().playing;
    if (resumeAfterDrag) clock.pause();
  });
  scrub.addEventListener("input", () => clock.seek(Number(scrub.value)));
  scrub.addEventListener("change", () => {
    dragging = false;
    if (resumeAfterDrag) clock.play();
    resumeAfterDrag = false;
  });
  speed.addEventListener("change", () => clock.setSpeed(Number(speed.value)));
  loop.addEventListener("change", () => clock.setLoop(loop.checked));
  wipe.addEventListener("click", onWipe);

  return {
    element,
    update(state, videoCount) {
      const none = videoCount === 0;
      for (const control of [play, scrub, speed]) control.disabled = none;
      for (const control of [back, forward]) control.disabled = none || state.fps === null;
      play.textContent = state.playing ? "Pause" : "Play";
      play.setAttribute("aria-pressed", String(state.playing));
      const end = state.end.toFixed(3);
      if (scrub.max !== end) scrub.max = end;
      if (!dragging) scrub.value = String(state.time);
      const frame = state.fps === null ? "" : ` · frame ${shownFrame(state.time, state.fps)}`;
      readout.textContent = `${state.time.toFixed(2)} / ${state.end.toFixed(2)} s${frame}`;
    },
    setWipe(available, active) {
      wipe.hidden = !available;
      wipe.setAttribute("aria-pressed", String(active));
      wipe.classList.toggle("kc-pressed", active);
    },
  };
}
