import { describe, expect, it } from "vitest";
import { History } from "./history";

describe("History", () => {
  it("undoes newest first and redoes in the original order", () => {
    const history = new History<string>();
    for (const entry of ["a", "b", "c"]) history.push(entry);
    expect(history.undo()).toBe("c");
    expect(history.undo()).toBe("b");
    expect(history.redo()).toBe("b");
    expect(history.redo()).toBe("c");
    expect(history.redo()).toBeUndefined();
  });

  it("reports what can be undone and redone", () => {
    const history = new History<number>();
    expect(history.canUndo).toBe(false);
    expect(history.canRedo).toBe(false);
    history.push(1);
    expect(history.canUndo).toBe(true);
    history.undo();
    expect(history.canUndo).toBe(false);
    expect(history.canRedo).toBe(true);
    expect(history.undo()).toBeUndefined();
  });

  it("forgets the redo branch when something new is pushed", () => {
    const history = new History<string>();
    history.push("a");
    history.push("b");
    history.undo();
    history.push("c");
    expect(history.canRedo).toBe(false);
    expect(history.redo()).toBeUndefined();
    expect(history.undo()).toBe("c");
    expect(history.undo()).toBe("a");
  });

  it("drops the oldest entries beyond the size cap", () => {
    const history = new History<number>({ maxEntries: 3 });
    for (let i = 1; i <= 5; i += 1) history.push(i);
    expect([history.undo(), history.undo(), history.undo(), history.undo()]).toEqual([
      5,
      4,
      3,
      undefined,
    ]);
  });

  it("drops the oldest entries beyond the cost budget but always keeps the newest", () => {
    const history = new History<number>({ maxEntries: 100, maxCost: 10, costOf: (n) => n });
    history.push(4);
    history.push(5);
    history.push(3); // 12 > 10: the 4 goes
    expect(history.undo()).toBe(3);
    expect(history.undo()).toBe(5);
    expect(history.canUndo).toBe(false);
    history.push(50); // alone over budget, yet kept (and the redo branch's cost is released)
    expect(history.undo()).toBe(50);
  });

  it("releases the cost of a forgotten redo branch", () => {
    const history = new History<number>({ maxEntries: 100, maxCost: 10, costOf: (n) => n });
    history.push(6);
    history.push(4);
    history.undo(); // 4 waits in the redo branch
    history.push(4); // replaces it: total is 10, within budget, so the 6 stays
    expect(history.undo()).toBe(4);
    expect(history.undo()).toBe(6);
  });

  it("clear empties both directions", () => {
    const history = new History<number>();
    history.push(1);
    history.push(2);
    history.undo();
    history.clear();
    expect(history.canUndo || history.canRedo).toBe(false);
  });

  it("refuses a cap below one entry", () => {
    expect(() => new History<number>({ maxEntries: 0 })).toThrow(RangeError);
  });
});

describe("History costs", () => {
  it("measures an entry's cost once, when it is pushed", () => {
    const history = new History<{ size: number }>({
      maxEntries: 100,
      maxCost: 10,
      costOf: (entry) => entry.size,
    });
    const grows = { size: 2 };
    history.push(grows);
    grows.size = 100; // changed while kept: the budget still counts it as 2
    history.push({ size: 8 });
    expect(history.undo()?.size).toBe(8);
    expect(history.undo()).toBe(grows);
  });
});
