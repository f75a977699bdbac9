// A list of views keyed by id and updated in place: an item whose key stays keeps its element
// (its <video>, its thumbnail, the text box someone is typing in, the focus), an unchanged item is
// not touched at all, and only the elements that are out of place are moved.

/** One entry's view: built once per key, then updated with that key's item. */
export interface KeyedView<T> {
  readonly element: Element;
  update(item: T): void;
}

export interface KeyedList<T, V extends KeyedView<T>> {
  /** Shows exactly `items`, in order. */
  update(items: readonly T[]): void;
  get(key: string): V | undefined;
}

/** Puts `elements` in `container` in this order, moving only those out of place and removing
 * any other child. Moving an element takes the focus from it; it is given back (the ↑ pressed
 * in a slot that moved up keeps the keyboard where it was). */
export function place(container: Element, elements: readonly Element[]): void {
  const focused = document.activeElement;
  elements.forEach((element, index) => {
    const here = container.children[index];
    if (here !== element) container.insertBefore(element, here ?? null);
  });
  while (container.children.length > elements.length) container.lastElementChild?.remove();
  if (focused instanceof HTMLElement && focused !== document.activeElement) {
    if (container.contains(focused)) focused.focus({ preventScroll: true });
  }
}

/**
 * Items are compared as JSON: an item carries everything its view shows (a run and its thumbnail
 * URL, say), so an equal item needs no update.
 */
export function keyedList<T, V extends KeyedView<T>>(
  container: Element,
  keyOf: (item: T) => string,
  make: (key: string) => V,
): KeyedList<T, V> {
  let views = new Map<string, { view: V; shown: string }>();
  return {
    update(items) {
      const next = new Map<string, { view: V; shown: string }>();
      for (const item of items) {
        const key = keyOf(item);
        const entry = views.get(key) ?? { view: make(key), shown: "" };
        const shown = JSON.stringify(item);
        if (shown !== entry.shown) entry.view.update(item);
        next.set(key, { view: entry.view, shown });
      }
      views = next;
      place(
        container,
        [...next.values()].map(({ view }) => view.element),
      );
    },
    get: (key) => views.get(key)?.view,
  };
}
