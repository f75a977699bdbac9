// The wipe view: the second video over the first in one frame, cut by a vertical divider that a
// range input moves (the top video is clipped with `clip-path: inset(...)`). The two videos are
// the cells' own elements, moved in here, so the transport still drives them.

import { h } from "../studio/dom";

export interface Wipe {
  element: HTMLElement;
  /** Moves `base` and `top` into the frame (once); `labels` name the left and right side. */
  show(base: HTMLVideoElement, top: HTMLVideoElement, labels: [string, string]): void;
  /** Lets go of the videos (their cards take them back) and hides the view. */
  hide(): void;
}

export function wipe(): Wipe {
  const slider = h("input", {
    type: "range",
    class: "kc-wipe-slider",
    min: 0,
    max: 100,
    step: 0.1,
    value: 50,
    "aria-label": "Divider position",
    "data-testid": "wipe-slider",
  });
  const divider = h("div", { class: "kc-wipe-divider" });
  const frame = h("div", { class: "kc-wipe-frame" }, divider, slider);
  const left = h("span", { "data-testid": "wipe-left" });
  const right = h("span", { "data-testid": "wipe-right" });
  const element = h(
    "section",
    { class: "kc-wipe", "data-testid": "wipe-view" },
    frame,
    h("div", { class: "kc-wipe-labels" }, left, right),
  );
  element.hidden = true;
  let pair: [HTMLVideoElement, HTMLVideoElement] | null = null;

  function cut(): void {
    const percent = Number(slider.value);
    divider.style.left = `${percent}%`;
    if (pair) pair[1].style.clipPath = `inset(0 0 0 ${percent}%)`;
  }
  slider.addEventListener("input", cut);

  function release(): void {
    if (!pair) return;
    for (const video of pair) {
      video.classList.remove("kc-wipe-base", "kc-wipe-top");
      video.style.clipPath = "";
    }
    pair = null;
  }

  return {
    element,
    show(base, top, labels) {
      if (pair?.[0] !== base || pair[1] !== top) {
        release();
        pair = [base, top];
        base.classList.add("kc-wipe-base");
        top.classList.add("kc-wipe-top");
        frame.prepend(base, top);
      }
      [left.textContent, right.textContent] = labels;
      cut();
      element.hidden = false;
    },
    hide() {
      release();
      element.hidden = true;
    },
  };
}
