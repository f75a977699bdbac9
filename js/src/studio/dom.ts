// A tiny element builder: enough to keep component code declarative without a framework.

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Differs between copies of this module: each widget output may load its own, and ids that
 * restart at 1 in each would collide in the page (a label or a radio group joining another
 * widget's). */
const LOAD = Math.random().toString(36).slice(2, 8);
let made = 0;

/** An id no other element in the page has. */
export function uniqueId(prefix: string): string {
  made += 1;
  return `${prefix}-${LOAD}-${made}`;
}

/** A labelled form row whose control can be disabled with a visible reason. */
export function row(label: string, control: HTMLElement, testid: string): HTMLElement {
  return h(
    "label",
    { class: "ks-row", "data-testid": `row-${testid}` },
    h("span", { class: "ks-label" }, label),
    control,
    h("span", { class: "ks-reason", "data-testid": `reason-${testid}` }),
    h("span", { class: "ks-problem", "data-testid": `problem-${testid}` }),
  );
}

/** A form row holding several controls (a list of rows, an editor): a labelled group rather
 * than a <label>, which may hold only one control. Laid out as `row` is. */
export function group(label: string, control: HTMLElement, testid: string): HTMLElement {
  const id = uniqueId(`ks-group-${testid}`);
  return h(
    "div",
    { class: "ks-row", role: "group", "aria-labelledby": id, "data-testid": `row-${testid}` },
    h("span", { class: "ks-label", id }, label),
    control,
    h("span", { class: "ks-reason", "data-testid": `reason-${testid}` }),
    h("span", { class: "ks-problem", "data-testid": `problem-${testid}` }),
  );
}

/** Shows a control's enabled state and reason (from the kernel's rule table). */
export function applyControl(rowElement: HTMLElement, enabled: boolean, reason: string): void {
  rowElement.classList.toggle("ks-disabled", !enabled);
  for (const input of rowElement.querySelectorAll<HTMLInputElement>(
    "input, select, textarea, button",
  )) {
    setDisabled(input, !enabled);
  }
  const reasonElement = rowElement.querySelector<HTMLElement>(".ks-reason");
  if (reasonElement) setText(reasonElement, reason);
}

/** Sets an element's text, reusing its text node and writing only when the text differs: a line
 * that did not change costs no DOM mutation and keeps any selection in it. */
export function setText(element: Element, text: string): void {
  const node = element.firstChild;
  if (node instanceof Text && node === element.lastChild) {
    if (node.data !== text) node.data = text;
  } else if (element.textContent !== text) {
    element.textContent = text;
  }
}

/** Shows or hides an element, writing only on a change. */
export function setHidden(element: HTMLElement, hidden: boolean): void {
  if (element.hidden !== hidden) element.hidden = hidden;
}

/** Enables or disables a control, writing only on a change. */
export function setDisabled(
  element: HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  disabled: boolean,
): void {
  if (element.disabled !== disabled) element.disabled = disabled;
}

/** Keeps a text box in step with the trait without moving the caret while the person types:
 * the box with the focus keeps what is in it. */
export function syncText(element: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  if (document.activeElement !== element && element.value !== value) element.value = value;
}

/** Marks a control as holding a value a problem is about (or not), writing only on a change. */
export function invalid(element: HTMLElement, bad: boolean): void {
  if (bad && element.getAttribute("aria-invalid") !== "true") {
    element.setAttribute("aria-invalid", "true");
  } else if (!bad && element.hasAttribute("aria-invalid")) {
    element.removeAttribute("aria-invalid");
  }
}
