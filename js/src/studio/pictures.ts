// The picture slots: start frame, tail frame, and the images of a multi-image video (as many as
// the catalogue allows). Pictures arrive by file chooser, drag and drop, paste, a URL (fetched by
// the kernel) or from Python. Uploads and fetches are requests: a picture the kernel refuses
// (not a picture, too small, over 50 MB, a URL that fails) is explained in its own slot, beside
// the URL box and inside the drop zone, until the person acts on that slot again.

import type { ReplyError } from "../generated/contract";
import { multiImageLabel } from "../lib/catalogue";
import { type Alert, alertFor } from "./alert";
import { applyControl, h } from "./dom";
import type { Model, PictureMeta } from "./model";
import type { StudioAsk } from "./requests";
import { type Send, upload } from "./transfer";

export interface PictureSlots {
  element: HTMLElement;
  /** Uploads a pasted file to the slot last clicked or dropped on. */
  paste(file: File): void;
  update(): void;
  showPicture(slot: string, url: string): void;
}

/** Shows a slot's picture and caption. */
function fill(box: Element, meta: PictureMeta | undefined, url: string): void {
  const caption = box.querySelector<HTMLElement>(".ks-caption");
  const thumb = box.querySelector<HTMLImageElement>("img");
  if (caption) caption.textContent = describe(meta);
  if (thumb) thumb.src = meta ? url : "";
}

function describe(meta: PictureMeta | undefined): string {
  if (!meta) return "drop, paste or choose a picture";
  const notes = meta.notes.length ? ` · ${meta.notes.join("; ")}` : "";
  return `${meta.name} · ${meta.width}×${meta.height}${notes}`;
}

export function pictureSlots(model: Model, ask: StudioAsk, send: Send): PictureSlots {
  const thumbnails = new Map<string, string>();
  /** Each slot's error, kept here because multi-image slots are redrawn on every update. */
  const errors = new Map<string, { error: ReplyError; fetched: boolean }>();
  const urlInputs = new Map<string, HTMLInputElement[]>();
  const alerts = new Map<string, Alert>();
  let target = "image";

  /** `fetched`: the error is about the URL typed in the slot (marked invalid). */
  function showError(slot: string, error: ReplyError | null, fetched = false): void {
    if (error) errors.set(slot, { error, fetched });
    else errors.delete(slot);
    alerts.get(slot)?.show(error, fetched ? urlInputs.get(slot) : []);
  }

  function sendFile(slot: string, file: File): void {
    target = slot;
    showError(slot, null);
    void upload(ask, send, slot, file, file.name || "pasted picture").then((reply) => {
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
      "data-testid": `url-${slot}`,
    });
    const fetchButton = h("button", { type: "button", "data-testid": `fetch-${slot}` }, "Fetch");
    const choose = h("button", { type: "button", "data-testid": `choose-${slot}` }, "Choose…");
    const alert = alertFor(`error-${slot}`, [choose, urlInput, fetchButton], "ks-error");
    alerts.set(slot, alert);
    urlInputs.set(slot, [urlInput]);
    const kept = errors.get(slot);
    if (kept) alert.show(kept.error, kept.fetched ? [urlInput] : []);
    const thumb = h("img", { class: "ks-thumb", alt: "", "data-testid": `thumb-${slot}` });
    const caption = h("div", { class: "ks-caption", "data-testid": `caption-${slot}` });
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
      fetchButton.disabled = true; // one fetch at a time per slot, until the kernel answers
      void ask({ type: "fetch-url", slot, url }).then((reply) => {
        fetchButton.disabled = false;
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
      event.preventDefault();
      box.classList.remove("ks-drop");
      const file = event.dataTransfer?.files[0];
      if (file) sendFile(slot, file);
    });
    return box;
  }

  const single = h("div", { class: "ks-slots" });
  const multi = h("div", { class: "ks-slots" });
  const multiBoxes = new Map<string, HTMLElement>();
  let shownOrder = "";
  const addMulti = slotElement("multi", "Add an image", false);
  const multiOption = h("option", { value: "multi-image2video" });
  const modeToggle = h(
    "select",
    { "data-testid": "kind" },
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

  function update(): void {
    const kind = model.get("kind");
    const pictures = model.get("pictures");
    const catalogue = model.get("catalogue");
    multiOption.textContent = multiImageLabel(catalogue);
    modeToggle.value = kind;
    single.hidden = kind !== "image2video";
    multi.hidden = kind === "image2video";
    for (const slot of ["image", "tail"]) {
      const box = single.querySelector<HTMLElement>(`[data-slot="${slot}"]`);
      if (box) fill(box, pictures[slot], thumbnails.get(slot) ?? "");
    }
    const tailRow = single.querySelector<HTMLElement>('[data-slot="tail"]');
    const tail = model.get("controls").image_tail;
    if (tailRow && tail) applyControl(tailRow, tail.enabled || Boolean(pictures.tail), tail.reason);
    const order = model.get("multi_order");
    for (const slot of multiBoxes.keys()) {
      if (order.includes(slot)) continue;
      multiBoxes.delete(slot);
      alerts.delete(slot);
      urlInputs.delete(slot);
      errors.delete(slot);
    }
    const boxes = order.map((slot, index) => {
      const box = multiBox(slot);
      const title = box.querySelector(".ks-slot-title");
      if (title) title.textContent = `Image ${index + 1}`;
      fill(box, pictures[slot], thumbnails.get(slot) ?? "");
      return box;
    });
    const adding = order.length < catalogue.max_multi_images;
    const key = `${order.join(" ")}${adding ? " +" : ""}`;
    if (key !== shownOrder) {
      // Moved only when the order changes: a box (and its focus, its alert) otherwise stays put.
      shownOrder = key;
      multi.replaceChildren(...boxes, ...(adding ? [addMulti] : []));
    }
  }

  /** A multi-image slot's box, made once and kept while the slot exists. */
  function multiBox(slot: string): HTMLElement {
    const kept = multiBoxes.get(slot);
    if (kept) return kept;
    const box = slotElement(slot, "", true);
    box
      .querySelector(".ks-slot-actions")
      ?.append(moveButton(slot, -1, "↑"), moveButton(slot, 1, "↓"));
    multiBoxes.set(slot, box);
    return box;
  }

  return {
    element,
    paste: (file) => sendFile(target, file),
    update,
    showPicture(slot: string, url: string) {
      const previous = thumbnails.get(slot);
      if (previous) URL.revokeObjectURL(previous);
      thumbnails.set(slot, url);
      update();
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
