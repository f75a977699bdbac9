// The picture slots: start frame, tail frame, and the images of a multi-image video (as many as
// the catalogue allows). Pictures arrive by file chooser, drag and drop, paste, a URL (fetched by
// the kernel) or from Python. Slots are kept by name and updated in place: a change elsewhere
// never rebuilds them, so a URL being typed keeps its text and its focus. Uploads and fetches are
// requests: a file the kernel refuses (not a picture, a URL that fails) is explained in its own
// slot, beside the URL box and inside the drop zone, until the person acts on that slot again; a
// file over the upload limit is refused there too, before a byte is sent. A picture Kling would
// refuse for its size is taken, with its problem and one-click fixes under it (fixes.ts). A file
// dropped anywhere else on the widget goes to the start frame (or adds an image).

import type { ReplyError } from "../generated/contract";
import { multiImageLabel } from "../lib/catalogue";
import { type Alert, alertFor } from "./alert";
import { applyControl, h, setDisabled, setHidden, setText } from "./dom";
import { type PictureFixes, pictureFixes } from "./fixes";
import { keyedList } from "./keyed";
import type { Model, PictureMeta, Updates } from "./model";
import type { StudioAsk } from "./requests";
import { type Send, upload } from "./transfer";

/** Where a file dropped on the widget, outside any slot, goes now: the slot (null: nowhere)
 * and what the drop highlight says. */
export interface DropTarget {
  slot: string | null;
  words: string;
}

export interface PictureSlots {
  element: HTMLElement;
  updates: Updates;
  /** Uploads a pasted file to the slot last clicked or dropped on. */
  paste(file: File): void;
  /** A slot's picture arrived: `url` shows it (the widget owns the URL). */
  showPicture(slot: string, url: string): void;
  /** Where a file dropped on the widget (not on a slot) goes. */
  dropTarget(): DropTarget;
  /** Uploads a file dropped on the widget to `dropTarget()`'s slot. */
  drop(file: File): void;
}

/** Everything a multi-image slot shows. */
interface MultiSlot {
  readonly slot: string;
  readonly title: string;
  readonly meta: PictureMeta | null;
  readonly url: string;
}

/** The slot that adds an image to the list. */
const ADD_SLOT = "multi";
/** The slots of an image-to-video request, always shown in this order. */
const SINGLE_SLOTS = ["image", "tail"];

/** Shows a slot's picture, caption, and its problems and fixes. */
function fill(
  box: Element,
  fixes: PictureFixes | undefined,
  meta: PictureMeta | undefined,
  url: string,
): void {
  const caption = box.querySelector<HTMLElement>(".ks-caption");
  const thumb = box.querySelector<HTMLImageElement>("img");
  if (caption) setText(caption, describe(meta));
  const src = meta ? url : "";
  if (thumb && thumb.getAttribute("src") !== src) thumb.src = src;
  fixes?.update(meta);
}

function describe(meta: PictureMeta | undefined): string {
  if (!meta) return "drop, paste or choose a picture";
  const notes = meta.notes.length ? ` · ${meta.notes.join("; ")}` : "";
  return `${meta.name} · ${meta.width}×${meta.height}${notes}`;
}

export function pictureSlots(model: Model, ask: StudioAsk, send: Send): PictureSlots {
  const thumbnails = new Map<string, string>();
  /** Each slot's alert and the URL box its fetch errors are about (marked invalid). */
  const alerts = new Map<string, { alert: Alert; url: HTMLInputElement }>();
  /** Each slot's problems, fixes and undo. */
  const fixes = new Map<string, PictureFixes>();
  let target = "image";

  /** `fetched`: the error is about the URL typed in the slot. */
  function showError(slot: string, error: ReplyError | null, fetched = false): void {
    const shown = alerts.get(slot);
    shown?.alert.show(error, fetched ? [shown.url] : []);
  }

  function sendFile(slot: string, file: File): void {
    target = slot;
    showError(slot, null);
    const limit = model.get("catalogue").max_upload_bytes;
    void upload(ask, send, slot, file, file.name || "pasted picture", limit).then((reply) => {
      if (!reply.ok) showError(slot, reply.error);
    });
  }

  function slotElement(slot: string, title: string, removable: boolean): HTMLElement {
    const input = h("input", {
      type: "file",
      accept: "image/*",
      "data-testid": `file-${slot}`,
      hidden: true,
    });
    const urlInput = h("input", {
      type: "url",
      placeholder: "https://… (fetched by the kernel)",
      "aria-label": "Picture URL",
      "data-testid": `url-${slot}`,
    });
    const fetchButton = h("button", { type: "button", "data-testid": `fetch-${slot}` }, "Fetch");
    const choose = h(
      "button",
      { type: "button", class: "ks-choose", "data-testid": `choose-${slot}` },
      "Choose…",
    );
    const alert = alertFor(`error-${slot}`, [choose, urlInput, fetchButton], "ks-error");
    alerts.set(slot, { alert, url: urlInput });
    const thumb = h("img", { class: "ks-thumb", alt: "", "data-testid": `thumb-${slot}` });
    const caption = h("div", { class: "ks-caption", "data-testid": `caption-${slot}` });
    const offer = pictureFixes(slot, send);
    fixes.set(slot, offer);
    const remove = removable
      ? h(
          "button",
          { type: "button", class: "ks-remove", "data-testid": `remove-${slot}` },
          "Remove",
        )
      : null;
    const box = h(
      "div",
      { class: "ks-slot", "data-slot": slot, "data-testid": `slot-${slot}` },
      h("div", { class: "ks-slot-title" }, title),
      thumb,
      caption,
      offer.element,
      h("span", { class: "ks-reason", "data-testid": `reason-${slot}` }),
      h("div", { class: "ks-slot-actions" }, choose, input, urlInput, fetchButton, remove),
      alert.element,
    );
    choose.addEventListener("click", () => {
      showError(slot, null);
      input.click();
    });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file) sendFile(slot, file);
      input.value = "";
    });
    urlInput.addEventListener("input", () => showError(slot, null));
    fetchButton.addEventListener("click", () => {
      target = slot;
      showError(slot, null);
      const url = urlInput.value.trim();
      if (!url) return;
      setDisabled(fetchButton, true); // one fetch at a time per slot, until the kernel answers
      void ask({ type: "fetch-url", slot, url }).then((reply) => {
        setDisabled(fetchButton, false);
        if (!reply.ok) showError(slot, reply.error, true);
      });
    });
    remove?.addEventListener("click", () => {
      showError(slot, null);
      send({ type: "remove", slot });
    });
    box.addEventListener("click", () => {
      target = slot;
    });
    box.addEventListener("dragover", (event) => {
      event.preventDefault();
      box.classList.add("ks-drop");
    });
    box.addEventListener("dragleave", () => box.classList.remove("ks-drop"));
    box.addEventListener("drop", (event) => {
      event.preventDefault(); // taken here: the widget's own drop target leaves it alone
      box.classList.remove("ks-drop");
      const file = event.dataTransfer?.files[0];
      if (file) sendFile(slot, file);
    });
    return box;
  }

  const single = h("div", { class: "ks-slots" });
  const multi = h("div", { class: "ks-slots" });
  const multiOption = h("option", { value: "multi-image2video" });
  const modeToggle = h(
    "select",
    { "aria-label": "Make a video from", "data-testid": "kind" },
    h("option", { value: "image2video" }, "image → video"),
    multiOption,
  );
  modeToggle.addEventListener("change", () => {
    model.set("kind", modeToggle.value as "image2video" | "multi-image2video");
    model.save_changes();
  });
  const element = h(
    "section",
    { class: "ks-pictures" },
    h("div", { class: "ks-kind" }, modeToggle),
    single,
    multi,
  );
  single.append(
    slotElement("image", "Start frame", true),
    slotElement("tail", "Tail frame (optional)", true),
  );

  function moveButton(slot: string, step: number, label: string): HTMLButtonElement {
    const button = h("button", { type: "button", "data-testid": `move-${slot}-${step}` }, label);
    button.addEventListener("click", () => {
      const order = [...model.get("multi_order")];
      const index = order.indexOf(slot);
      const other = index + step;
      if (index < 0 || other < 0 || other >= order.length) return;
      [order[index], order[other]] = [order[other] as string, order[index] as string];
      model.set("multi_order", order);
      model.save_changes();
    });
    return button;
  }

  /** A multi-image slot, made once per name; its title follows its place in the order. */
  function multiSlot(slot: string) {
    const adds = slot === ADD_SLOT;
    const box = slotElement(slot, "", !adds);
    if (!adds) {
      box
        .querySelector(".ks-slot-actions")
        ?.append(moveButton(slot, -1, "↑"), moveButton(slot, 1, "↓"));
    }
    const title = box.querySelector<HTMLElement>(".ks-slot-title");
    return {
      element: box,
      update(item: MultiSlot) {
        if (title) setText(title, item.title);
        fill(box, fixes.get(slot), item.meta ?? undefined, item.url);
      },
    };
  }
  const multiSlots = keyedList(multi, (item: MultiSlot) => item.slot, multiSlot);

  function dropTarget(): DropTarget {
    if (model.get("kind") === "image2video") {
      return { slot: "image", words: "Drop the picture to use it as the start frame" };
    }
    const most = model.get("catalogue").max_multi_images;
    if (model.get("multi_order").length < most) {
      return { slot: ADD_SLOT, words: "Drop the picture to add it to the images" };
    }
    return { slot: null, words: `At most ${most} images: remove one to add another` };
  }

  function showKind(): void {
    const kind = model.get("kind");
    setText(multiOption, multiImageLabel(model.get("catalogue")));
    if (modeToggle.value !== kind) modeToggle.value = kind;
    setHidden(single, kind !== "image2video");
    setHidden(multi, kind === "image2video");
  }

  function showSingle(): void {
    const pictures = model.get("pictures");
    for (const slot of SINGLE_SLOTS) {
      const box = single.querySelector<HTMLElement>(`[data-slot="${slot}"]`);
      if (box) fill(box, fixes.get(slot), pictures[slot], thumbnails.get(slot) ?? "");
    }
    const tailRow = single.querySelector<HTMLElement>('[data-slot="tail"]');
    const tail = model.get("controls").image_tail;
    if (tailRow && tail) applyControl(tailRow, tail.enabled || Boolean(pictures.tail), tail.reason);
  }

  function showMulti(): void {
    const pictures = model.get("pictures");
    const order = model.get("multi_order");
    const items: MultiSlot[] = order.map((slot, index) => ({
      slot,
      title: `Image ${index + 1}`,
      meta: pictures[slot] ?? null,
      url: thumbnails.get(slot) ?? "",
    }));
    if (order.length < model.get("catalogue").max_multi_images) {
      items.push({ slot: ADD_SLOT, title: "Add an image", meta: null, url: "" });
    }
    multiSlots.update(items);
    // A slot that left the list takes its alert with it (a slot made again starts without one).
    for (const slot of alerts.keys()) {
      if (!SINGLE_SLOTS.includes(slot) && !multiSlots.get(slot)) {
        alerts.delete(slot);
        fixes.delete(slot);
      }
    }
  }

  return {
    element,
    updates: [
      { reads: ["kind", "catalogue"], run: showKind },
      { reads: ["pictures", "controls"], run: showSingle },
      { reads: ["pictures", "multi_order", "catalogue"], run: showMulti },
    ],
    paste: (file) => sendFile(target, file),
    dropTarget,
    drop(file: File) {
      const { slot } = dropTarget();
      if (slot) sendFile(slot, file);
    },
    showPicture(slot: string, url: string) {
      thumbnails.set(slot, url);
      if (slot === "image" || slot === "tail") showSingle();
      else showMulti();
    },
  };
}

/** Pictures pasted anywhere in the widget go to the slot last used. */
export function pastedFile(event: ClipboardEvent): File | null {
  for (const item of event.clipboardData?.items ?? []) {
    if (item.kind === "file" && item.type.startsWith("image/")) return item.getAsFile();
  }
  return null;
}
