// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CellOrder } from "../lib/ranking";
import { header } from "./header";
import type { CompareAsk } from "./requests";
import { sortBy } from "./sortby";

describe("Sort by", () => {
  it("is a labelled menu in the header, in grid order at first", () => {
    const control = sortBy(() => {});
    const view = header((() => Promise.resolve({ ok: true })) as unknown as CompareAsk, [
      control.element,
    ]);
    document.body.replaceChildren(view.element);
    const select = view.element.querySelector<HTMLSelectElement>('[data-testid="sort-by"]');
    expect(select?.closest("label")?.textContent).toContain("Sort by");
    expect([...(select?.options ?? [])].map((option) => [option.value, option.text])).toEqual([
      ["grid", "grid order"],
      ["score", "motion score"],
    ]);
    expect(select?.value).toBe("grid");
    expect(control.order()).toBe("grid");
  });

  it("says each change of order, and only a change", () => {
    const chosen: CellOrder[] = [];
    const control = sortBy((order) => chosen.push(order));
    const select = control.element.querySelector("select") as HTMLSelectElement;
    select.value = "score";
    select.dispatchEvent(new Event("change"));
    select.dispatchEvent(new Event("change"));
    select.value = "grid";
    select.dispatchEvent(new Event("change"));
    expect(chosen).toEqual(["score", "grid"]);
    expect(control.order()).toBe("grid");
  });
});
