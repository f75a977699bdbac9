import { describe, expect, it } from "vitest";
import { BOAT, DONE } from "./motionfixtures";
import { pathScene } from "./pathscene";

const half = { scale: 0.5, dx: 10, dy: 0 };
const colours = (area: string) => (area === "dynamic 1" ? "#e8453c" : "#000");

describe("pathScene", () => {
  it("maps the requested path, where the area is due and where it went by the moment", () => {
    // 4 s clip: the boat is due at the middle point (500, 250) at 2 s and measured there too.
    const [boat] = pathScene(DONE, 2, 4, half, colours);
    expect(boat).toEqual({
      area: "dynamic 1",
      colour: "#e8453c",
      requested: [
        { x: 60, y: 125 },
        { x: 260, y: 125 },
        { x: 460, y: 125 },
      ],
      due: { x: 260, y: 125 },
      measured: [
        { x: 60, y: 125 },
        { x: 160, y: 125 },
        { x: 260, y: 125 },
      ],
      now: { x: 260, y: 125 },
      lost: false,
    });
  });

  it("shows the area lagging behind where it was due by the end", () => {
    const [boat] = pathScene(DONE, 4, 4, half, colours);
    expect(boat?.due).toEqual({ x: 460, y: 125 });
    expect(boat?.now).toEqual({ x: 360, y: 125 });
  });

  it("marks an area lost from its lost_at on", () => {
    const lost = { ...DONE, areas: [{ ...BOAT, lost_at: 3 }] };
    expect(pathScene(lost, 2.9, 4, half, colours)[0]?.lost).toBe(false);
    expect(pathScene(lost, 3, 4, half, colours)[0]?.lost).toBe(true);
  });

  it("leaves out an area with no requested points", () => {
    const empty = { ...DONE, areas: [{ ...BOAT, requested: [] }] };
    expect(pathScene(empty, 1, 4, half, colours)).toEqual([]);
  });
});
