// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { MotionCheck } from "../generated/contract";
import { DONE, MEASURING_CHECK } from "../lib/motionfixtures";
import { type Card, card } from "./card";
import { arrange } from "./grid";
import type { Axes, Cell } from "./model";

const AXES: Axes = {
  rows: { name: "mode", values: ["std", "pro"] },
  columns: { name: "duration", values: ["5", "10"] },
};

function cell(row: number, column: number, motion: MotionCheck | null): Cell {
  const mode = AXES.rows?.values[row];
  const duration = AXES.columns?.values[column];
  return {
    id: `r${row}c${column}`,
    row,
    column,
    label: `mode ${mode} · duration ${duration}`,
    differs: {},
    status: "succeed",
    reason: "",
    elapsed: 10,
    units: "1",
    estimate: 1,
    task_id: null,
    has_video: false,
    path: null,
    fps: 30,
    motion,
    sound: false,
  };
}

const scored = (score: number): MotionCheck => ({ ...DONE, score });

function setup() {
  const cells = [
    cell(0, 0, scored(40)),
    cell(0, 1, MEASURING_CHECK),
    cell(1, 0, scored(90)),
    cell(1, 1, scored(40)),
  ];
  const cards = new Map<string, Card>();
  for (const each of cells) {
    const view = card(each.id, () => Promise.resolve({ ok: true } as never));
    view.update(each);
    cards.set(each.id, view);
  }
  const container = document.createElement("div");
  document.body.replaceChildren(container);
  const order = () =>
    [...container.querySelectorAll<HTMLElement>(".kc-card")].map((element) =>
      element.dataset.testid?.replace("cell-", ""),
    );
  return { cells, cards, container, order };
}

describe("arrange", () => {
  it("lays the cells in the axes' table in grid order", () => {
    const { cells, cards, container, order } = setup();
    arrange(container, AXES, cells, cards);
    expect(container.querySelector('[data-testid="grid"]')).not.toBeNull();
    expect(order()).toEqual(["r0c0", "r0c1", "r1c0", "r1c1"]);
    expect(container.querySelectorAll('[data-testid="row-header"]')).toHaveLength(2);
  });

  it("lists them by motion score, highest first, the unscored last, each naming its values", () => {
    const { cells, cards, container, order } = setup();
    arrange(container, AXES, cells, cards, "score");
    const list = container.querySelector('[data-testid="ranked"]');
    expect(list?.tagName).toBe("OL");
    expect(list?.getAttribute("aria-label")).toBe("Cells by motion score, highest first");
    expect(container.querySelector('[data-testid="grid"]')).toBeNull();
    expect(order()).toEqual(["r1c0", "r0c0", "r1c1", "r0c1"]); // ties keep grid order
    const labels = [...container.querySelectorAll(".kc-label")].map((label) => label.textContent);
    expect(labels[0]).toBe("mode pro · duration 5"); // what the headers said, on the card
  });

  it("builds the table again in grid order, reusing the same cards", () => {
    const { cells, cards, container, order } = setup();
    const first = cards.get("r0c0")?.element;
    arrange(container, AXES, cells, cards, "score");
    arrange(container, AXES, cells, cards, "grid");
    expect(order()).toEqual(["r0c0", "r0c1", "r1c0", "r1c1"]);
    expect(container.querySelector('[data-testid="cell-r0c0"]')).toBe(first);
  });

  it("keeps the focus on the control that had it when the cards move", () => {
    const { cells, cards, container } = setup();
    arrange(container, AXES, cells, cards);
    const copy = container.querySelector<HTMLButtonElement>('[data-testid="cell-r1c1"] button');
    copy?.focus();
    expect(document.activeElement).toBe(copy);
    arrange(container, AXES, cells, cards, "score");
    expect(document.activeElement).toBe(copy);
  });
});
