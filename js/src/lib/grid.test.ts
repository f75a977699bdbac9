import { describe, expect, it } from "vitest";
import { gridLayout, layoutKey } from "./grid";

const cell = (id: string, row: number | null, column: number | null) => ({ id, row, column });

describe("gridLayout", () => {
  it("lists every cell, in order, when there are no axes", () => {
    const layout = gridLayout({ rows: null, columns: null }, [
      cell("a", null, null),
      cell("b", 0, 1),
    ]);
    expect(layout).toEqual({ columns: [], rows: [], loose: ["a", "b"] });
  });

  it("places cells in a rows × columns table with name = value headers", () => {
    const axes = {
      rows: { name: "mode", values: ["std", "pro"] },
      columns: { name: "duration", values: ["5", "10"] },
    };
    const layout = gridLayout(axes, [cell("b", 0, 1), cell("c", 1, 0), cell("a", 0, 0)]);
    expect(layout.columns).toEqual(["duration = 5", "duration = 10"]);
    expect(layout.rows).toEqual([
      { header: "mode = std", cells: ["a", "b"] },
      { header: "mode = pro", cells: ["c", null] },
    ]);
    expect(layout.loose).toEqual([]);
  });

  it("makes one column when only rows vary, one row when only columns vary", () => {
    const rows = gridLayout({ rows: { name: "seed", values: ["1", "2"] }, columns: null }, [
      cell("a", 0, null),
      cell("b", 1, null),
    ]);
    expect(rows.columns).toEqual([]);
    expect(rows.rows).toEqual([
      { header: "seed = 1", cells: ["a"] },
      { header: "seed = 2", cells: ["b"] },
    ]);
    const columns = gridLayout({ rows: null, columns: { name: "cfg", values: ["0.3", "0.7"] } }, [
      cell("a", null, 0),
      cell("b", null, 1),
    ]);
    expect(columns.columns).toEqual(["cfg = 0.3", "cfg = 0.7"]);
    expect(columns.rows).toEqual([{ header: null, cells: ["a", "b"] }]);
  });

  it("keeps cells without a valid, free place out of the table", () => {
    const axes = { rows: { name: "r", values: ["x"] }, columns: { name: "c", values: ["y"] } };
    const layout = gridLayout(axes, [
      cell("a", 0, 0),
      cell("twin", 0, 0),
      cell("outside", 3, 0),
      cell("unplaced", null, 0),
    ]);
    expect(layout.rows).toEqual([{ header: "r = x", cells: ["a"] }]);
    expect(layout.loose).toEqual(["twin", "outside", "unplaced"]);
  });
});

describe("layoutKey", () => {
  it("changes with places, not with anything else a cell carries", () => {
    const axes = { rows: null, columns: null };
    const queued = { ...cell("a", null, null), status: "queued" };
    const done = { ...cell("a", null, null), status: "succeed" };
    const before = layoutKey(axes, [queued]);
    const after = layoutKey(axes, [done]);
    expect(after).toBe(before);
    expect(layoutKey(axes, [cell("a", 0, null)])).not.toBe(before);
  });
});
