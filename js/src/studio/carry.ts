// The brush and the camera move carried to a model that cannot take them. Motion brush and
// camera_control work on kling-v1 and kling-v1-5 only; newer models take a start and an end frame
// and a prompt. What was painted or set stays in the Studio, kept and not sent (its note says
// so), and the kernel (`carried` trait, widgets/carrying.py) offers to carry the intent across.
// Each offer is done only when the person clicks for it, never on its own:
//
// - `endFrameOffer`, "Send the brush as an end frame": placed under the painter, not by the end
//   frame slot. The person who painted is looking at the paint, where the kept badge says it is
//   not sent; the offer answers that badge where it is read, and the end frame slot it fills is
//   just above, among the pictures. "Make an end frame from the brush" asks the kernel to render
//   the last frame the brush asks for (each dynamic area at its path's end); its PNG arrives as
//   media `end-frame` before the answer and is shown for approval with the kernel's notes. "Use
//   as end frame" puts it in the end frame slot (whose own undo puts back what it replaced);
//   "Discard" drops it, sending nothing. An end frame made from Python arrives the same way and
//   is shown the same way.
// - `cameraWords`, "Camera move in words": a row right under the camera's (params.ts places it
//   there, outside the camera row, whose controls are off on such a model), holding the words
//   the kernel offers for the move, editable, and "Add to prompt". The person's edits stay while
//   the offer stays; a new offer (the camera changed) fills the box again unless they are typing
//   in it.

import type { EndFrameMade, ReplyError } from "../generated/contract";
import { refused } from "../lib/ask";
import {
  carriedOf,
  NO_PHRASE,
  offersEndFrame,
  type PhraseState,
  phraseAdded,
  phraseOffered,
  phraseSent,
} from "../lib/carry";
import type { ObjectUrls } from "../lib/urls";
import { alertFor } from "./alert";
import { h, setDisabled, setHidden, setText, syncText, uniqueId } from "./dom";
import type { Model, Updates } from "./model";
import type { StudioAsk } from "./requests";

export interface EndFrameOffer {
  element: HTMLElement;
  updates: Updates;
  /** The kernel's media `end-frame`: the PNG of the end frame it made. */
  received(data: ArrayBuffer): void;
}

export interface CameraWords {
  element: HTMLElement;
  updates: Updates;
}

/** The key of the end frame's object URL among the widget's. */
const PICTURE = "end-frame";

export const MAKING = "Making the end frame…";
export const MADE = "The end frame is made: look at it below, then use it or discard it.";
export const IN_USE = "The end frame slot holds the brush's end frame";
export const ADDED = "Added to the prompt";

/** A button at work: it stays in the tab order and keeps the focus (a disabled one would drop
 * it), says it is unavailable, and its clicks are ignored until the answer. */
function setBusy(button: HTMLButtonElement, busy: boolean): void {
  if (busy) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

/** Moves the focus off `from` (about to be hidden or disabled) when it is there. */
function keepFocus(from: HTMLElement, to: HTMLElement): void {
  if (from.contains(document.activeElement)) to.focus();
}

export function endFrameOffer(model: Model, ask: StudioAsk, urls: ObjectUrls): EndFrameOffer {
  const head = h(
    "span",
    { class: "ks-carry-head", id: uniqueId("ks-end-frame-head"), tabindex: -1 },
    "Send the brush as an end frame",
  );
  const why = h(
    "span",
    { class: "ks-carry-why" },
    "This model cannot take the brush. It can take an end frame instead: the last picture " +
      "the brush asks for, each dynamic area moved to its path's end.",
  );
  const reason = h("span", {
    class: "ks-reason",
    id: uniqueId("ks-end-frame-reason"),
    "data-testid": "reason-end-frame",
  });
  const make = h(
    "button",
    { type: "button", "aria-describedby": reason.id, "data-testid": "make-end-frame" },
    "Make an end frame from the brush",
  );
  // Present from the start (empty), so assistive technology hears the words arrive.
  const status = h("span", {
    class: "ks-carry-status ks-live", // hidden while empty (lib/alert.css)
    role: "status",
    "data-testid": "end-frame-status",
  });
  const picture = h("img", {
    class: "ks-end-frame",
    alt: "The end frame made from the brush: the start frame with each dynamic area at its path's end",
    "data-testid": "end-frame-preview",
  });
  const caption = h("span", { class: "ks-carry-caption", id: uniqueId("ks-end-frame-caption") });
  const notes = h("ul", { class: "ks-carry-notes", "data-testid": "end-frame-notes" });
  const use = h("button", { type: "button", "data-testid": "use-end-frame" }, "Use as end frame");
  const discard = h("button", { type: "button", "data-testid": "discard-end-frame" }, "Discard");
  const preview = h(
    "div",
    {
      class: "ks-carry-preview",
      role: "group",
      "aria-labelledby": caption.id,
      "data-testid": "end-frame-made",
      hidden: true,
    },
    picture,
    caption,
    notes,
    h("span", { class: "ks-inline" }, use, discard),
  );
  const alert = alertFor("error-end-frame", [make, use], "ks-error");
  const inUse = h("span", {
    class: "ks-carry-done ks-live",
    role: "status",
    "data-testid": "end-frame-in-use",
  });
  const offer = h(
    "span",
    { class: "ks-stack" },
    why,
    h("span", { class: "ks-inline" }, make, reason),
    status,
    alert.element,
    preview,
  );
  const element = h(
    "div",
    {
      class: "ks-carry",
      role: "group",
      "aria-labelledby": head.id,
      "data-testid": "carry-end-frame",
      hidden: true,
    },
    head,
    offer,
    inUse,
  );

  /** The request at work, if any. */
  let pending: "make" | "use" | null = null;
  /** The picture of the end frame being made, received before the answer. */
  let arrived: string | null = null;

  /** Whether the end frame can be made and used now. */
  function usable(): boolean {
    const carried = carriedOf(model.get("carried"));
    return carried.end_frame.enabled && !offer.hidden && !element.hidden;
  }

  function close(): void {
    keepFocus(preview, make.disabled ? head : make);
    setHidden(preview, true);
    picture.removeAttribute("src");
    notes.replaceChildren();
    urls.revoke(PICTURE);
    arrived = null;
    setText(status, "");
  }

  /** Shows the end frame made, with what the kernel says about it (none for one from Python). */
  function open(url: string, made: EndFrameMade | null): void {
    arrived = null;
    if (!usable()) {
      urls.revoke(PICTURE); // the brush or the model changed meanwhile: the offer says why
      setText(status, "");
      return;
    }
    picture.src = url;
    if (made) {
      picture.width = made.width;
      picture.height = made.height;
    } else {
      picture.removeAttribute("width");
      picture.removeAttribute("height");
    }
    const size = made ? ` · ${made.width}×${made.height}` : "";
    setText(caption, `The end frame made from the brush${size}`);
    notes.replaceChildren(...(made?.notes ?? []).map((note) => h("li", {}, note)));
    setHidden(preview, false);
    setText(status, MADE);
    if (document.activeElement === make) use.focus(); // on to the choice the person now has
  }

  function failed(error: ReplyError): void {
    urls.revoke(PICTURE);
    arrived = null;
    setText(status, "");
    alert.show(error);
  }

  make.addEventListener("click", () => {
    if (pending !== null || make.disabled) return;
    alert.show(null);
    if (!preview.hidden) close(); // the new one replaces it
    pending = "make";
    setBusy(make, true);
    setText(status, MAKING);
    void ask({ type: "make-end-frame" }).then((reply) => {
      pending = null;
      setBusy(make, false);
      if (!reply.ok) failed(reply.error);
      else if (arrived === null) {
        failed(
          refused(
            "end_frame",
            "the picture must arrive with the answer",
            "The end frame was made but its picture did not arrive: make it again.",
          ).error,
        );
      } else open(arrived, reply);
    });
  });

  use.addEventListener("click", () => {
    if (pending !== null) return;
    alert.show(null);
    pending = "use";
    setBusy(use, true);
    void ask({ type: "use-end-frame" }).then((reply) => {
      pending = null;
      setBusy(use, false);
      if (reply.ok) close();
      else alert.show(reply.error);
    });
  });

  discard.addEventListener("click", () => {
    alert.show(null);
    close();
  });

  function show(): void {
    const carried = carriedOf(model.get("carried"));
    const offered = offersEndFrame(model.get("controls").motion_brush, model.get("areas"));
    const { enabled, reason: because } = carried.end_frame;
    setHidden(element, !offered && !carried.end_frame_in_use);
    setHidden(offer, !offered);
    if (!enabled) keepFocus(make, head);
    setDisabled(make, !enabled);
    setText(reason, enabled ? "" : because);
    // What was made no longer fits what is asked (the model or the brush changed): the offer
    // says why, and a new one can be made once it fits again.
    if (!preview.hidden && pending !== "use" && !(offered && enabled)) close();
    setText(inUse, carried.end_frame_in_use ? IN_USE : "");
  }

  return {
    element,
    updates: [{ reads: ["carried", "controls", "areas"], run: show }],
    received(data: ArrayBuffer) {
      const url = urls.set(PICTURE, new Blob([data], { type: "image/png" }));
      if (pending === "make") arrived = url;
      else if (pending === "use") urls.revoke(PICTURE);
      else open(url, null); // made from Python: shown the same way
    },
  };
}

export function cameraWords(model: Model, ask: StudioAsk): CameraWords {
  const box = h("input", {
    type: "text",
    id: uniqueId("ks-camera-phrase"),
    "data-testid": "camera-phrase",
  });
  const add = h("button", { type: "button", "data-testid": "add-camera-phrase" }, "Add to prompt");
  const why = h(
    "span",
    { class: "ks-carry-why", id: uniqueId("ks-camera-phrase-why") },
    "This model cannot take the camera move: say it in the prompt instead.",
  );
  box.setAttribute("aria-describedby", why.id);
  add.setAttribute("aria-describedby", why.id);
  const added = h("span", {
    class: "ks-carry-done ks-live",
    role: "status",
    "data-testid": "camera-phrase-added",
  });
  const alert = alertFor("error-camera-phrase", [box, add], "ks-error");
  const element = h(
    "div",
    { class: "ks-row ks-carry-camera", "data-testid": "row-camera_phrase", hidden: true },
    h("label", { class: "ks-label", for: box.id }, "Camera move in words"),
    h(
      "span",
      { class: "ks-stack" },
      h("span", { class: "ks-inline" }, box, add),
      why,
      added,
      alert.element,
    ),
  );

  let state: PhraseState = NO_PHRASE;
  let pending = false;

  /** The button and the line under it, from the state. */
  function showAdded(): void {
    const done = phraseAdded(state);
    if (done) keepFocus(add, box); // the button goes off: the keyboard stays in the row
    setDisabled(add, done);
    setText(add, done ? "Added" : "Add to prompt");
    setText(added, done ? ADDED : "");
  }

  box.addEventListener("input", () => {
    state = { ...state, edited: true };
    alert.show(null);
    showAdded();
  });

  add.addEventListener("click", () => {
    if (pending || add.disabled) return;
    const text = box.value.trim();
    if (!text) {
      const empty = refused(
        "camera_phrase",
        "must not be empty",
        "Camera move in words: write the move to add to the prompt.",
      );
      alert.show(empty.error, [box]);
      return;
    }
    alert.show(null);
    const offer = state.offered;
    pending = true;
    setBusy(add, true);
    void ask({ type: "add-camera-phrase", text }).then((reply) => {
      pending = false;
      setBusy(add, false);
      if (!reply.ok) {
        alert.show(reply.error, [box]);
        return;
      }
      if (offer === state.offered) state = phraseSent(state, offer);
      showAdded();
    });
  });

  function show(): void {
    const carried = carriedOf(model.get("carried"));
    const before = state.offered;
    state = phraseOffered(state, carried, document.activeElement === box);
    setHidden(element, state.offered === "");
    if (state.offered !== before && state.offered !== "") syncText(box, state.offered);
    showAdded();
  }

  return { element, updates: [{ reads: ["carried"], run: show }] };
}
