// The path bar: what can be done to the selected dynamic area's path — shape presets (each a
// `shape-path` request, its answer one undoable edit), the path's length, and "Path from a clip…"
// with its panel (upload progress, the clip's first frame to click on, "Tracking…", the notes).
// Shown only while a dynamic area is selected. It reports what was asked; the Painter decides and
// tells it what to show (its show* functions run in the painter's frame).

import { clipPoint, middle, movedCrosshair } from "../../lib/crosshair";
import type { Point } from "../../lib/geometry";
import { h, setHidden, setText } from "../dom";
import { painterButton } from "./buttons";
import type { PathShape } from "./types";

/** The preset buttons, in the order they show. */
export const SHAPE_BUTTONS: readonly { shape: PathShape; text: string; title: string }[] = [
  {
    shape: "straight",
    text: "Straight",
    title: "A straight line from the path's start to its end, at a constant speed",
  },
  {
    shape: "arc",
    text: "Arc",
    title: "A circular arc from the path's start to its end, bulging to the left of travel",
  },
  { shape: "ease-in", text: "Ease in", title: "Start slowly and speed up, along the same line" },
  { shape: "ease-out", text: "Ease out", title: "Slow down towards the end, along the same line" },
  {
    shape: "ease-in-out",
    text: "Ease in-out",
    title: "Start slowly and slow down at the end, along the same line",
  },
  { shape: "reverse", text: "Reverse", title: "The same path the other way round" },
];

/** What the frame asks of the person: first, and once a path came from it. */
const FIRST = "Click the thing that moves (or use the arrow keys, then Enter)";
const AGAIN = "Click something else to follow it instead (Ctrl+Z takes this path back)";

export interface PathBarActions {
  shape(shape: PathShape): void;
  chooseClip(file: File): void;
  /** Follow the thing at `point` (the clip's pixels) into the selected area's path. */
  track(point: Point): void;
  closeClip(): void;
  clearPath(): void;
  toggleEditPoints(): void;
}

/** What the bar shows for the selected area. */
export interface PathState {
  /** A dynamic area is selected (the bar shows only then). */
  readonly dynamic: boolean;
  /** The model can use the brush: shaping and editing are on; clearing stays a way out. */
  readonly enabled: boolean;
  /** Points in the area's path. */
  readonly points: number;
  /** Every point shows as a handle ("Edit points"). */
  readonly editingPoints: boolean;
}

/** The clip panel's state, as the Painter's `ClipPaths` keeps it. */
export interface ClipView {
  readonly name: string;
  /** Share uploaded (0–1) while the clip is on its way; null once it is in. */
  readonly progress: number | null;
  readonly frame: {
    readonly url: string;
    readonly width: number;
    readonly height: number;
    readonly seconds: number;
  } | null;
  readonly tracking: boolean;
  /** The kernel's notes on the path it made (crop, thinning, where tracking was lost). */
  readonly notes: readonly string[];
  readonly error: string | null;
}

export interface PathBar {
  readonly element: HTMLElement;
  /** Shown for a dynamic area; presets usable with a path of two points or more. */
  showPath(state: PathState): void;
  /** "412 px · 28 % of the picture's diagonal" ("" for no path); live while dragging. */
  showLength(words: string): void;
  /** A preset's refusal ("" for none). */
  showMessage(text: string): void;
  showClip(view: ClipView | null): void;
}

/** A view the painter draws (its `show*` are update functions): it owns only its DOM. */
export function pathBar(actions: PathBarActions): PathBar {
  const shapes = SHAPE_BUTTONS.map(({ shape, text, title }) =>
    painterButton(`path-shape-${shape}`, text, title, () => actions.shape(shape)),
  );
  const editPoints = painterButton(
    "path-edit-points",
    "Edit points",
    "Show every point of the path to drag it (otherwise a few handles reshape it smoothly)",
    () => actions.toggleEditPoints(),
  );
  editPoints.setAttribute("aria-pressed", "false");
  const clearPath = painterButton(
    "path-clear",
    "Clear path",
    "Remove the selected area's path",
    () => actions.clearPath(),
  );
  const length = h("output", { class: "ks-pathbar-length", "data-testid": "path-length" });
  const fileInput = h("input", {
    type: "file",
    accept: "video/*",
    hidden: true,
    "data-testid": "path-clip-file",
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = ""; // the same file chosen again is a new choice
    if (file !== undefined) actions.chooseClip(file);
  });
  const fromClip = painterButton(
    "path-from-clip",
    "Path from a clip…",
    "Take the path from a short video: click the thing that moves in its first frame " +
      "(or drop a video on this bar)",
    () => fileInput.click(),
  );
  const message = h("div", {
    class: "ks-pathbar-message",
    role: "alert",
    "data-testid": "path-message",
  });

  // The clip panel: progress, then the first frame with a crosshair, then tracking and notes.
  const clipName = h("span", { class: "ks-pathbar-clip-name", "data-testid": "clip-name" });
  const close = painterButton("clip-close", "×", "Close the clip", () => actions.closeClip());
  close.setAttribute("aria-label", "Close the clip");
  const progress = h("progress", { max: 1, value: 0, "data-testid": "clip-progress" });
  const image = h("img", { alt: "", draggable: "false" });
  const crosshair = h("div", { class: "ks-pathbar-crosshair", "aria-hidden": "true" });
  const frame = h(
    "div",
    {
      class: "ks-pathbar-frame",
      tabindex: 0,
      role: "button",
      "data-testid": "clip-frame",
      "aria-label":
        "The clip's first frame: click the thing that moves, or move the crosshair with the " +
        "arrow keys (Shift for larger steps) and press Enter",
    },
    image,
    crosshair,
  );
  const hint = h("div", { class: "ks-pathbar-hint", "data-testid": "clip-hint" });
  const spinner = h("span", { class: "ks-painter-spinner", "aria-hidden": "true" });
  const statusText = h("span", {});
  const status = h(
    "div",
    { class: "ks-pathbar-status", role: "status", "data-testid": "clip-status" },
    spinner,
    statusText,
  );
  const notes = h("ul", { class: "ks-pathbar-notes", "data-testid": "clip-notes" });
  const clipError = h("div", {
    class: "ks-pathbar-message",
    role: "alert",
    "data-testid": "clip-error",
  });
  const panel = h(
    "div",
    { class: "ks-pathbar-clip", role: "group", "aria-label": "Path from a clip" },
    h("div", { class: "ks-pathbar-clip-head" }, clipName, close),
    progress,
    h(
      "div",
      { class: "ks-pathbar-clip-body" },
      frame,
      h("div", { class: "ks-pathbar-clip-side" }, hint, status, notes, clipError),
    ),
  );

  const element = h(
    "div",
    { class: "ks-pathbar", "data-testid": "path-bar" },
    h(
      "div",
      { class: "ks-painter-toolbar" },
      h("div", { class: "ks-painter-group", role: "group", "aria-label": "Path shape" }, ...shapes),
      h(
        "div",
        { class: "ks-painter-group", role: "group", "aria-label": "Path" },
        editPoints,
        clearPath,
      ),
      length,
      fromClip,
      fileInput,
    ),
    message,
    panel,
  );

  let clip: ClipView | null = null;
  let aim: Point | null = null;

  function showCrosshair(): void {
    const shown = clip?.frame;
    setHidden(crosshair, shown == null || aim === null);
    if (shown == null || aim === null) return;
    crosshair.style.left = `${((aim.x + 0.5) / shown.width) * 100}%`;
    crosshair.style.top = `${((aim.y + 0.5) / shown.height) * 100}%`;
  }

  function trackAt(point: Point): void {
    if (clip?.frame == null || clip.tracking) return;
    aim = point;
    showCrosshair();
    actions.track(point);
  }

  frame.addEventListener("click", (event) => {
    const shown = clip?.frame;
    if (shown == null) return;
    const box = frame.getBoundingClientRect();
    const at = { x: event.clientX - box.left, y: event.clientY - box.top };
    trackAt(clipPoint(at, { width: box.width, height: box.height }, shown));
  });
  frame.addEventListener("keydown", (event) => {
    const shown = clip?.frame;
    if (shown == null) return;
    if (event.key === "Enter" || event.key === " ") {
      trackAt(aim ?? middle(shown));
    } else {
      const moved = movedCrosshair(aim ?? middle(shown), event.key, event.shiftKey, shown);
      if (moved === null) return;
      aim = moved;
      showCrosshair();
    }
    event.preventDefault();
    event.stopPropagation(); // arrows and Enter belong to the frame, not to the painter
  });
  frame.addEventListener("focus", () => {
    if (aim === null && clip?.frame != null) {
      aim = middle(clip.frame);
      showCrosshair();
    }
  });
  // A file dropped on the bar is a clip, not a picture: like a picture slot, the bar takes the
  // drag by preventing its default, and the widget's own drop (studio/drop.ts) steps aside.
  element.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    element.classList.add("ks-pathbar-dropping");
  });
  element.addEventListener("dragleave", (event) => {
    const into = event.relatedTarget;
    if (!(into instanceof Node && element.contains(into))) {
      element.classList.remove("ks-pathbar-dropping");
    }
  });
  element.addEventListener("drop", (event) => {
    element.classList.remove("ks-pathbar-dropping");
    const file = event.dataTransfer?.files[0];
    if (file === undefined) return;
    event.preventDefault(); // not a video? the kernel says so, naming the file
    actions.chooseClip(file);
  });

  return {
    element,
    showPath({ dynamic, enabled, points, editingPoints }) {
      setHidden(element, !dynamic);
      for (const shape of shapes) shape.disabled = !enabled || points < 2;
      editPoints.disabled = !enabled || points === 0;
      editPoints.setAttribute("aria-pressed", String(editingPoints));
      clearPath.disabled = points === 0; // the way out, even with the brush off
      fromClip.disabled = !enabled;
    },
    showLength(words) {
      setText(length, words);
      setHidden(length, words === "");
    },
    showMessage(text) {
      setText(message, text);
      setHidden(message, text === "");
    },
    showClip(view) {
      if (view?.frame?.url !== clip?.frame?.url) aim = null; // a new clip: the crosshair restarts
      clip = view;
      setHidden(panel, view === null);
      if (view === null) return;
      setText(
        clipName,
        view.frame ? `${view.name} · ${view.frame.seconds.toFixed(1)} s` : view.name,
      );
      setHidden(progress, view.progress === null);
      progress.value = view.progress ?? 0;
      setHidden(frame, view.frame === null);
      setHidden(hint, view.frame === null || view.tracking);
      setText(hint, view.notes.length > 0 ? AGAIN : FIRST);
      if (view.frame !== null && image.getAttribute("src") !== view.frame.url) {
        image.src = view.frame.url;
        frame.style.aspectRatio = `${view.frame.width} / ${view.frame.height}`;
      }
      frame.classList.toggle("ks-pathbar-frame-busy", view.tracking);
      showCrosshair();
      const working =
        view.progress !== null
          ? `Uploading ${view.name}… ${Math.round(view.progress * 100)} %`
          : view.tracking
            ? "Tracking…"
            : "";
      setText(statusText, working);
      setHidden(status, working === "");
      notes.replaceChildren(...view.notes.map((note) => h("li", {}, note)));
      setHidden(notes, view.notes.length === 0);
      setText(clipError, view.error ?? "");
      setHidden(clipError, view.error === null);
    },
  };
}
