// Paint or Video: the painter and the result share one place in the left column, so the video a
// person asked for appears where they were looking, at the painter's size, and a click brings
// the paint back to adjust it. Both stay laid out in one grid cell (studio.css), the hidden one
// invisible: the painter keeps its size and zoom, and neither is read out or reached by Tab.
//
// What shows: the video when a run started here (Generate) delivers it; the painter when a new
// start frame arrives; otherwise what the person picked. A video from elsewhere (a run started
// in Python, the last run sent again when the view renders) waits behind "Video"; a later one
// while the painter shows is announced with a note.

import { h, setHidden, setText } from "./dom";
import type { Model, Updates } from "./model";

export type View = "paint" | "video";

export interface Switcher {
  /** The Paint / Video buttons (hidden until there is a video). */
  element: HTMLElement;
  /** The place both share. */
  stage: HTMLElement;
  updates: Updates;
  /** What is shown now. */
  showing(): View;
  /** A run was started here: its video is shown when it comes. */
  expectVideo(): void;
  /** A video arrived (call before the player loads it, so it is shown while it loads). */
  videoArrived(): void;
  /** A new start frame arrived: the painter is shown, to paint on it. */
  pictureArrived(): void;
}

const NEW_VIDEO = "A new video is ready";

export function switcher(model: Model, brush: HTMLElement, player: HTMLElement): Switcher {
  let wanted: View = "paint";
  let hasVideo = false;
  let expecting = false;
  let unseen = false;

  const button = (view: View, text: string): HTMLButtonElement => {
    const element = h(
      "button",
      { type: "button", "aria-pressed": "false", "data-testid": `show-${view}` },
      text,
    );
    element.addEventListener("click", () => choose(view));
    return element;
  };
  const buttons: Record<View, HTMLButtonElement> = {
    paint: button("paint", "Paint"),
    video: button("video", "Video"),
  };
  const note = h("span", { class: "ks-view-note", role: "status", "data-testid": "new-video" });
  const element = h(
    "div",
    { class: "ks-view", hidden: true },
    h(
      "div",
      { class: "ks-view-buttons", role: "group", "aria-label": "Show" },
      buttons.paint,
      buttons.video,
    ),
    note,
  );
  const stage = h("div", { class: "ks-stage", "data-view": "paint" }, brush, player);

  /** Multi-image requests have no painter: the video is all there is to show. */
  const painterless = (): boolean => model.get("kind") === "multi-image2video";

  function showing(): View {
    if (!hasVideo) return "paint";
    return painterless() ? "video" : wanted;
  }

  function render(): void {
    const view = showing();
    if (stage.dataset.view !== view) stage.dataset.view = view;
    if (view === "video") unseen = false;
    setHidden(element, !hasVideo || painterless());
    for (const [name, control] of Object.entries(buttons)) {
      const pressed = String(name === view);
      if (control.getAttribute("aria-pressed") !== pressed)
        control.setAttribute("aria-pressed", pressed);
    }
    setText(note, unseen ? NEW_VIDEO : "");
  }

  function choose(view: View): void {
    wanted = view;
    render();
  }

  return {
    element,
    stage,
    updates: [{ reads: ["kind"], run: render }],
    showing,
    expectVideo() {
      expecting = true;
    },
    videoArrived() {
      const first = !hasVideo;
      hasVideo = true;
      if (expecting) wanted = "video";
      else if (!first && showing() !== "video") unseen = true;
      expecting = false;
      render();
    },
    pictureArrived() {
      wanted = "paint";
      render();
    },
  };
}
