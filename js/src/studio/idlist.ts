// A short list of ids as rows (voices, elements): a text box per row, a way to remove it, and
// "Add" below, up to the catalogue's limit. Rows are kept by position, so the box being typed in
// keeps its text, caret and focus when the trait comes back. Where the model cannot take the
// list, the boxes and Add are disabled but Remove is not: a kept list can always be emptied.

import { h, setDisabled, setHidden, setText } from "./dom";
import { keyedList } from "./keyed";

export interface IdListOptions {
  /** Test ids: `<testid>-id-0`, `<testid>-remove-0`, `<testid>-add`. */
  testid: string;
  /** What a row is, in words: "voice" → "Voice 1 id", "Add voice", "Remove voice 1". */
  noun: string;
  placeholder: (position: number) => string;
  /** Keeps the new list (the trait). */
  write(ids: string[]): void;
  /** More controls in a row, after its box (a voice's Insert button). */
  extra?: (position: number) => RowExtra;
}

export interface RowExtra {
  elements: HTMLElement[];
  update(position: number, enabled: boolean): void;
}

export interface IdList {
  element: HTMLElement;
  /** Shows `ids`; `enabled`: the model takes the list; `max`: the most rows it may have. */
  show(ids: readonly string[], enabled: boolean, max: number): void;
}

interface Row {
  position: number;
  id: string;
  enabled: boolean;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function idList(options: IdListOptions): IdList {
  const { testid, noun } = options;
  let ids: string[] = [];
  const list = h("ul", { class: "ks-idlist", "data-testid": `${testid}-list` });
  const add = h(
    "button",
    { type: "button", class: "ks-button", "data-testid": `${testid}-add` },
    `Add ${noun}`,
  );
  const count = h("span", { class: "ks-count", "data-testid": `${testid}-count` });
  const element = h(
    "div",
    { class: "ks-stack ks-idlist-box" },
    list,
    h("span", { class: "ks-inline" }, add, count),
  );

  function write(next: string[]): void {
    ids = next;
    options.write(next);
  }

  add.addEventListener("click", () => {
    write([...ids, ""]);
    list.querySelector<HTMLInputElement>(`[data-testid="${testid}-id-${ids.length - 1}"]`)?.focus();
  });

  const rows = keyedList<Row, { element: HTMLElement; update(row: Row): void }>(
    list,
    (row) => String(row.position),
    (key) => {
      const position = Number(key);
      const input = h("input", {
        type: "text",
        spellcheck: "false",
        autocomplete: "off",
        "data-testid": `${testid}-id-${position}`,
      });
      const remove = h(
        "button",
        {
          type: "button",
          class: "ks-button ks-remove",
          "data-testid": `${testid}-remove-${position}`,
        },
        "×",
      );
      const extra = options.extra?.(position);
      input.addEventListener("input", () => {
        const next = [...ids];
        next[position] = input.value;
        write(next);
      });
      remove.addEventListener("click", () => {
        write(ids.filter((_, index) => index !== position));
        // The row that took this one's place keeps the keyboard; after the last, the one
        // before it, or Add.
        if (!element.contains(document.activeElement)) {
          const before = list.querySelector<HTMLButtonElement>(
            `[data-testid="${testid}-remove-${position - 1}"]`,
          );
          (before ?? add).focus();
        }
      });
      const item = h("li", { class: "ks-idrow" }, input, remove, ...(extra?.elements ?? []));
      return {
        element: item,
        update(row) {
          const name = `${capital(noun)} ${row.position + 1}`;
          input.setAttribute("aria-label", `${name} id`);
          input.placeholder = options.placeholder(row.position);
          if (document.activeElement !== input && input.value !== row.id) input.value = row.id;
          setDisabled(input, !row.enabled);
          remove.setAttribute("aria-label", `Remove ${noun} ${row.position + 1}`);
          remove.title = `Remove ${noun} ${row.position + 1}`;
          extra?.update(row.position, row.enabled);
        },
      };
    },
  );

  return {
    element,
    show(next, enabled, max) {
      ids = [...next];
      rows.update(ids.map((id, position) => ({ position, id, enabled })));
      setDisabled(add, !enabled || ids.length >= max);
      setText(count, `${ids.length} of ${max}`);
      setHidden(count, ids.length === 0 && !enabled);
      add.title = ids.length >= max ? `at most ${max} ${noun}s` : `Add a ${noun}`;
    },
  };
}
