// The painter's plain button, one definition for its toolbar, options, select bar and path bar.

import { h } from "../dom";

/** A text button in the painter's look; `onClick` when the caller does not wire it itself. */
export function painterButton(
  testid: string,
  text: string,
  title: string,
  onClick?: () => void,
): HTMLButtonElement {
  const element = h(
    "button",
    { type: "button", class: "ks-painter-button", "data-testid": testid, title },
    text,
  );
  if (onClick !== undefined) element.addEventListener("click", onClick);
  return element;
}
