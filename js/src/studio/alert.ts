// An error beside the control that caused it: the reply's words (they name the field, the rule
// and the value), announced by assistive technology (role="alert"), tied to the controls it is
// about (aria-describedby, aria-invalid), and cleared when the person acts on them again.
// Both widgets use it; the class gives each its own theme-coloured style.

import type { ReplyError } from "../generated/contract";
import { h, uniqueId } from "./dom";

export interface Alert {
  element: HTMLElement;
  /** Shows the error, or clears it with null; `invalid`: the inputs whose value it is about. */
  show(error: ReplyError | null, invalid?: HTMLElement[]): void;
  /** The words shown now ("" when none). */
  text(): string;
}

/** An alert that `controls` point to (aria-describedby): what it says is about them. */
export function alertFor(testid: string, controls: HTMLElement[], className: string): Alert {
  const id = uniqueId(`${testid}-alert`);
  // Present (and empty) from the start: a live region added later is not always announced.
  const element = h("div", { id, class: className, role: "alert", "data-testid": testid });
  for (const control of controls) {
    const described = control.getAttribute("aria-describedby");
    control.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
  }
  let marked: HTMLElement[] = [];
  return {
    element,
    show(error, invalid = []) {
      element.textContent = error?.text ?? "";
      if (error) {
        element.dataset.field = error.field;
        element.dataset.rule = error.rule;
      } else {
        delete element.dataset.field;
        delete element.dataset.rule;
      }
      for (const input of marked) input.removeAttribute("aria-invalid");
      marked = error ? invalid : [];
      for (const input of marked) input.setAttribute("aria-invalid", "true");
    },
    text: () => element.textContent ?? "",
  };
}
