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

/** Shows a control's enabled state and reason (from the kernel's rule table). */
export function applyControl(rowElement: HTMLElement, enabled: boolean, reason: string): void {
  rowElement.classList.toggle("ks-disabled", !enabled);
  for (const input of rowElement.querySelectorAll<HTMLInputElement>(
    "input, select, textarea, button",
  )) {
    input.disabled = !enabled;
  }
  const reasonElement = rowElement.querySelector<HTMLElement>(".ks-reason");
  if (reasonElement) reasonElement.textContent = reason;
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
