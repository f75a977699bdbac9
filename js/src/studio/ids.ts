// A task's ids as selectable text, each with a copy button named for assistive technology:
// the task id is what Kling's console and `kling-studio resume` know a paid task by.

import "./ids.css";
import { h, setHidden, setText } from "./dom";

export interface IdField {
  element: HTMLElement;
  set(value: string | null | undefined): void;
}

const COPIED_MS = 1500;

/** Copies `text`; falls back to selecting it and the old copy command where the clipboard API
 * is missing or refused (an insecure origin, a denied permission). */
async function copy(text: string, source: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const selection = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(source);
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand("copy");
  }
}

/** "Task id 8123… [Copy]"; hidden while there is no value. */
export function idField(label: string, testid: string): IdField {
  const value = h("code", { class: "ks-id-value", "data-testid": testid });
  const button = h(
    "button",
    { type: "button", class: "ks-copy", "data-testid": `${testid}-copy` },
    "Copy",
  );
  const said = h("span", { class: "ks-visually-hidden", role: "status" });
  const element = h("span", { class: "ks-id", hidden: true }, `${label} `, value, button, said);
  let timer = 0;
  let shown: string | null | undefined = null; // hidden: no value yet
  button.addEventListener("click", (event) => {
    event.stopPropagation(); // inside a history entry, a copy is not a request to play
    const text = value.textContent ?? "";
    void copy(text, value).then((done) => {
      button.textContent = done ? "Copied" : "Copy failed";
      said.textContent = done ? `${label} copied` : `${label} could not be copied`;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        button.textContent = "Copy";
        said.textContent = "";
      }, COPIED_MS);
    });
  });
  return {
    element,
    set(text) {
      if (text === shown) return; // the status repeats the ids every tick: keep a selection
      shown = text;
      setHidden(element, !text);
      setText(value, text ?? "");
      button.setAttribute("aria-label", `Copy ${label.toLowerCase()} ${text ?? ""}`.trim());
      button.title = `Copy ${label.toLowerCase()} to the clipboard`;
    },
  };
}
