// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../testing";
import { toolbar } from "./toolbar";
import type { AreaState } from "./types";

const AREAS: AreaState[] = [
  {
    id: "static",
    kind: "static",
    label: "static",
    colour: "#999",
    visible: true,
    painted: false,
    path: [],
  },
  {
    id: "dynamic-1",
    kind: "dynamic",
    label: "dynamic 1",
    colour: "#e8453c",
    visible: true,
    painted: true,
    path: [
      { x: 1, y: 1 },
      { x: 9, y: 9 },
    ],
  },
];

const LIMITS = CATALOGUE.selection;

function bar() {
  const clicked: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      clicked.push([name, ...args].join(" "));
  const view = toolbar(
    {
      selectTool: record("tool"),
      setRadius: record("radius"),
      setOpacity: record("opacity"),
      zoom: record("zoom"),
      undo: record("undo"),
      redo: record("redo"),
      clearAll: record("clear-all"),
      selectArea: record("select"),
      toggleArea: record("toggle"),
      clearArea: record("clear"),
      setHardness: record("hardness"),
      setTolerance: record("tolerance"),
      subject: record("subject"),
      refine: record("refine"),
      loadMasks: (files) => clicked.push(`load ${files.map((f) => f.name).join(",")}`),
      exportMasks: record("export"),
    },
    LIMITS,
  );
  const button = (testid: string) =>
    view.element.querySelector(`[data-testid="${testid}"]`) as HTMLButtonElement;
  return { view, button, clicked };
}

describe("the painter's toolbar with the brush unavailable", () => {
  it("turns painting off but keeps every way to clear what is painted", () => {
    const { view, button } = bar();
    view.showAreas(AREAS, "dynamic-1");
    view.showEnabled(false, "not on kling-v2-1; it is on kling-v1 std/pro 5 s");
    expect(button("tool-brush").disabled).toBe(true);
    expect(button("tool-path-freehand").disabled).toBe(true);
    expect(button("tool-pan").disabled).toBe(false);
    expect(button("clear-all").disabled).toBe(false);
    expect(button("area-clear-dynamic-1").disabled).toBe(false);
    expect(button("area-clear-static").disabled).toBe(true); // nothing painted there
    expect(view.element.querySelector('[data-testid="painter-reason"]')?.textContent).toBe(
      "not on kling-v2-1; it is on kling-v1 std/pro 5 s",
    );
  });

  it("has nothing to clear once everything is cleared", () => {
    const { view, button } = bar();
    view.showEnabled(false, "not on kling-v2-1");
    view.showAreas(
      AREAS.map((area) => ({ ...area, painted: false, path: [] })),
      "dynamic-1",
    );
    expect(button("clear-all").disabled).toBe(true);
    expect(button("area-clear-dynamic-1").disabled).toBe(true);
  });

  it("names its symbol buttons for assistive technology", () => {
    const { button } = bar();
    expect(button("zoom-out").getAttribute("aria-label")).toBe("Zoom out");
    expect(button("zoom-in").getAttribute("aria-label")).toBe("Zoom in");
  });
});

describe("the selection tools' controls", () => {
  it("show only the current tool's options", () => {
    const { view, button } = bar();
    const shown = (testid: string) => !button(testid).closest("label")?.hidden;
    view.showTool("brush");
    expect([shown("brush-size"), shown("brush-hardness"), shown("colour-tolerance")]).toEqual([
      true,
      true,
      false,
    ]);
    view.showTool("colour");
    expect([shown("brush-size"), shown("brush-hardness"), shown("colour-tolerance")]).toEqual([
      false,
      false,
      true,
    ]);
    view.showTool("lasso");
    expect(button("tool-hint").textContent).toContain("double-click or press Enter");
    view.showTool("regions");
    expect(shown("brush-size")).toBe(true);
  });

  it("refine by the amount given, kept within the catalogue's range", () => {
    const { button, clicked } = bar();
    const amount = button("refine-amount") as unknown as HTMLInputElement;
    amount.value = "7";
    button("refine-grow").click();
    amount.value = "900";
    button("refine-shrink").click();
    button("refine-invert").click();
    expect(clicked).toEqual(["refine grow 7", "refine shrink 200", "refine invert 200"]);
    expect(amount.value).toBe("200");
  });

  it("turn off with the painter, but export stays usable while something is painted", () => {
    const { view, button } = bar();
    view.showAreas(AREAS, "dynamic-1");
    view.showEnabled(false, "not on kling-v2-1");
    for (const testid of ["tool-colour", "select-subject", "refine-grow", "load-mask"]) {
      expect(button(testid).disabled).toBe(true);
    }
    expect(button("brush-hardness").disabled).toBe(true);
    expect(button("export-masks").disabled).toBe(false);
    view.showAreas(
      AREAS.map((area) => ({ ...area, painted: false, path: [] })),
      "dynamic-1",
    );
    expect(button("export-masks").disabled).toBe(true);
  });

  it("give every tool a key and every control a name", () => {
    const { button } = bar();
    expect(button("tool-colour").getAttribute("aria-keyshortcuts")).toBe("C");
    expect(button("tool-regions").getAttribute("aria-keyshortcuts")).toBe("R");
    expect(button("tool-lasso").getAttribute("aria-keyshortcuts")).toBe("L");
    expect(button("refine-amount").getAttribute("aria-label")).toContain("Pixels");
    expect(button("brush-hardness").closest("label")?.textContent).toContain("Hardness");
  });
});
