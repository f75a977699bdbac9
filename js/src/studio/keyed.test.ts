// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { keyedList, place } from "./keyed";

interface Item {
  id: string;
  text: string;
}

function list() {
  const container = document.createElement("ol");
  const updates: string[] = [];
  const made: string[] = [];
  const keyed = keyedList<Item, { element: HTMLElement; update(item: Item): void }>(
    container,
    (item) => item.id,
    (key) => {
      made.push(key);
      const element = document.createElement("li");
      return {
        element,
        update(item) {
          updates.push(item.id);
          element.textContent = item.text;
        },
      };
    },
  );
  const texts = () => [...container.children].map((child) => child.textContent);
  return { container, keyed, updates, made, texts };
}

describe("keyedList", () => {
  it("keeps each key's element and updates only the items that changed", () => {
    const { container, keyed, updates, made, texts } = list();
    keyed.update([
      { id: "a", text: "A" },
      { id: "b", text: "B" },
    ]);
    const first = container.children[0];
    updates.length = 0;
    keyed.update([
      { id: "c", text: "C" },
      { id: "a", text: "A" },
      { id: "b", text: "B2" },
    ]);
    expect(texts()).toEqual(["C", "A", "B2"]);
    expect(container.children[1]).toBe(first);
    expect(updates).toEqual(["c", "b"]);
    expect(made).toEqual(["a", "b", "c"]);
  });

  it("removes the elements of keys that went, and makes a key that returns anew", () => {
    const { keyed, made, texts } = list();
    keyed.update([
      { id: "a", text: "A" },
      { id: "b", text: "B" },
    ]);
    keyed.update([{ id: "b", text: "B" }]);
    expect(texts()).toEqual(["B"]);
    expect(keyed.get("a")).toBeUndefined();
    keyed.update([
      { id: "a", text: "A" },
      { id: "b", text: "B" },
    ]);
    expect(texts()).toEqual(["A", "B"]);
    expect(made).toEqual(["a", "b", "a"]);
  });
});

describe("place", () => {
  it("moves only the elements out of place", () => {
    const container = document.createElement("div");
    const [a, b, c] = ["a", "b", "c"].map((id) => {
      const element = document.createElement("span");
      element.id = id;
      container.append(element);
      return element as HTMLElement;
    }) as [HTMLElement, HTMLElement, HTMLElement];
    const moved: string[] = [];
    // Count the moves by hand: a move is one insertBefore.
    const insertBefore = container.insertBefore.bind(container);
    container.insertBefore = <N extends Node>(node: N, child: Node | null): N => {
      moved.push((node as unknown as HTMLElement).id);
      return insertBefore(node, child);
    };
    place(container, [a, b, c]);
    expect(moved).toEqual([]);
    place(container, [b, a, c]);
    expect([...container.children].map((child) => child.id)).toEqual(["b", "a", "c"]);
    expect(moved).toEqual(["b"]);
    place(container, [c]);
    expect([...container.children].map((child) => child.id)).toEqual(["c"]);
  });
});
