import { describe, expect, it } from "vitest";
import { nearlySamePath, samePath, toAreaState, toPainterArea } from "./areas";
import type { PainterArea } from "./types";

const kernelArea: PainterArea = {
  id: "dynamic-1",
  kind: "dynamic",
  label: "dynamic 1",
  colour: "#e6194b",
  visible: true,
  painted: true,
  path: [
    [10, 20],
    [30.123456, 40],
  ],
};

describe("areas", () => {
  it("trusts the kernel's painted flag only while the browser holds no paint for the area", () => {
    expect(toAreaState(kernelArea, undefined).painted).toBe(true);
    expect(toAreaState(kernelArea, 0).painted).toBe(false);
    expect(toAreaState({ ...kernelArea, painted: false }, 12).painted).toBe(true);
  });

  it("round-trips a path, rounded to hundredths of a pixel", () => {
    const back = toPainterArea(toAreaState(kernelArea, undefined));
    expect(back.path).toEqual([
      [10, 20],
      [30.12, 40],
    ]);
    expect({ ...back, path: [] }).toEqual({ ...kernelArea, path: [] });
  });

  it("compares paths point by point", () => {
    const a = [
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ];
    expect(
      samePath(
        a,
        a.map((p) => ({ ...p })),
      ),
    ).toBe(true);
    expect(samePath(a, a.slice(0, 1))).toBe(false);
    expect(samePath(a, [a[0] as (typeof a)[0], { x: 3, y: 5 }])).toBe(false);
  });

  it("knows a path the kernel echoed back rounded as the same path", () => {
    const drawn = toAreaState(kernelArea, 1).path;
    const echoed = toAreaState(toPainterArea(toAreaState(kernelArea, 1)), 1).path;
    expect(samePath(drawn, echoed)).toBe(false);
    expect(nearlySamePath(drawn, echoed)).toBe(true);
    expect(nearlySamePath(drawn, [...echoed, { x: 1, y: 1 }])).toBe(false);
    expect(
      nearlySamePath(drawn, [
        { x: 10, y: 20 },
        { x: 31, y: 40 },
      ]),
    ).toBe(false);
  });
});
