// Under a picture: what Kling would refuse it for, a button per one-click fix (what each gives up
// said beside it, and read out with it), and the undo of the last fix or replacement — saying
// when the paint comes back too. The kernel does the work; this only shows its offer and sends
// the person's choice. Rebuilt only when the offer changes, with the keyboard focus carried
// from a fix to its undo and back.

import { h, uniqueId } from "./dom";
import type { PictureMeta, StudioToKernel } from "./model";

type Offer = Pick<PictureMeta, "problems" | "undo" | "paint">;

export interface PictureFixes {
  element: HTMLElement;
  /** Shows the offer for the slot's picture (none when the slot is empty). */
  update(meta: PictureMeta | undefined): void;
}

/** The undo button's words: what comes back, in the person's terms. */
export function undoWords(offer: Offer): string {
  const paint = offer.paint === "cleared";
  if (offer.undo === "the new picture") {
    return paint
      ? "Undo: put the earlier picture and its paint back"
      : "Undo: put the earlier picture back";
  }
  return paint ? `Undo: ${offer.undo} (the paint comes back too)` : `Undo: ${offer.undo}`;
}

/** What happened to the paint when this picture replaced the start frame, if anything. */
export function paintWords(offer: Offer): string {
  if (offer.paint === "scaled") return "The paint was kept, scaled to this picture.";
  if (offer.paint === "cleared") {
    return "The paint was cleared: this picture has another shape. Undo brings it back.";
  }
  return "";
}

/** "the edges are cut off" → "The edges are cut off." */
export function sentence(words: string): string {
  const text = words.trim();
  if (!text) return "";
  return `${text[0]?.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}

export function pictureFixes(
  slot: string,
  send: (content: StudioToKernel) => boolean,
): PictureFixes {
  // Present from the start, so assistive technology hears a problem arrive in it.
  const element = h("div", {
    class: "ks-fixes",
    "aria-live": "polite",
    "data-testid": `fixes-${slot}`,
  });
  let shown = "";
  let focusNext: "undo" | "fix" | null = null;

  function note(text: string): HTMLElement {
    return h("span", { class: "ks-fix-note", id: uniqueId("ks-fix-note") }, text);
  }

  function build(offer: Offer): void {
    const parts: HTMLElement[] = [];
    for (const [index, problem] of offer.problems.entries()) {
      const rows = problem.fixes.map((fix) => {
        const said = note(sentence(fix.warning));
        const button = h(
          "button",
          {
            type: "button",
            class: "ks-button",
            "aria-describedby": said.id,
            "data-testid": `fix-${slot}-${fix.id}`,
          },
          fix.label,
        );
        button.addEventListener("click", () => {
          focusNext = "undo";
          send({ type: "fix-picture", slot, fix: fix.id });
        });
        return h("div", { class: "ks-fix" }, button, fix.warning ? said : null);
      });
      parts.push(
        h(
          "div",
          { class: "ks-fix-problem", "data-testid": `picture-problem-${slot}-${index}` },
          `Kling would refuse this picture: ${problem.text}`,
        ),
        ...rows,
      );
    }
    if (offer.undo) {
      const paint = paintWords(offer);
      const said = paint ? note(paint) : null;
      const undo = h(
        "button",
        {
          type: "button",
          class: "ks-button",
          "aria-describedby": said?.id,
          "data-testid": `undo-${slot}`,
        },
        undoWords(offer),
      );
      undo.addEventListener("click", () => {
        focusNext = "fix";
        send({ type: "undo-picture", slot });
      });
      parts.push(h("div", { class: "ks-fix ks-undo" }, undo, said));
    }
    element.replaceChildren(...parts);
  }

  /** The focus follows the person's click to what replaced the button they pressed. */
  function refocus(): void {
    const wanted = focusNext === "undo" ? '[data-testid^="undo-"]' : '[data-testid^="fix-"]';
    const choose = element.closest(".ks-slot")?.querySelector<HTMLElement>(".ks-choose");
    const target = element.querySelector<HTMLElement>(wanted) ?? choose;
    focusNext = null;
    target?.focus({ preventScroll: true });
  }

  return {
    element,
    update(meta) {
      const offer: Offer = meta
        ? { problems: meta.problems, undo: meta.undo, paint: meta.paint }
        : { problems: [], undo: null, paint: null };
      const key = JSON.stringify(offer);
      if (key === shown) return;
      shown = key;
      build(offer);
      if (focusNext) refocus();
    },
  };
}
