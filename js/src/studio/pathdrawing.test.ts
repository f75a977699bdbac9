import { describe, expect, it } from "vitest";
import type { ScenePath } from "../lib/pathscene";
import { drawScene, HALO, type Pen } from "./pathdrawing";

/** A pen that writes down each stroke and fill with the style it was made in. */
function recorder() {
  const marks: { kind: string; style: string; width: number; dash: number[] }[] = [];
  let dash: number[] = [];
  const pen = {
    lineWidth: 1,
    strokeStyle: "",
    fillStyle: "",
    lineCap: "butt",
    lineJoin: "miter",
    clearRect() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    arc() {},
    setLineDash(segments: number[]) {
      dash = segments;
    },
    stroke() {
      marks.push({ kind: "stroke", style: String(pen.strokeStyle), width: pen.lineWidth, dash });
    },
    fill() {
      marks.push({ kind: "fill", style: String(pen.fillStyle), width: 0, dash: [] });
    },
  };
  return { pen: pen as unknown as Pen, marks };
}

const PATH: ScenePath = {
  area: "dynamic 1",
  colour: "#e8453c",
  requested: [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
  ],
  due: { x: 50, y: 0 },
  measured: [
    { x: 0, y: 0 },
    { x: 40, y: 0 },
  ],
  now: { x: 40, y: 0 },
  lost: false,
};

describe("drawScene", () => {
  it("draws the request dashed, its ring and the measured line solid, each over a halo", () => {
    const { pen, marks } = recorder();
    drawScene(pen, [PATH], 2);
    expect(marks.map((mark) => [mark.kind, mark.style, mark.dash.length > 0])).toEqual([
      ["stroke", HALO, true], // the requested path
      ["stroke", "#e8453c", true],
      ["stroke", HALO, false], // the ring where it is due
      ["stroke", "#e8453c", false],
      ["stroke", HALO, false], // the measured path
      ["stroke", "#e8453c", false],
      ["fill", HALO, false], // the dot where it is
      ["fill", "#e8453c", false],
    ]);
    expect(marks[1]?.width).toBe(4); // 2 CSS px at a ratio of 2
    expect(marks[1]?.dash).toEqual([14, 10]);
  });

  it("draws a cross where a lost area was last seen, and nothing for a path not begun", () => {
    const { pen, marks } = recorder();
    drawScene(pen, [{ ...PATH, lost: true }], 1);
    expect(marks.slice(-2).map((mark) => mark.kind)).toEqual(["stroke", "stroke"]);
    const early = recorder();
    drawScene(early.pen, [{ ...PATH, measured: [], now: null }], 1);
    expect(early.marks).toHaveLength(4); // the request and its ring only
  });
});
