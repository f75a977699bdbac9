// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { DONE, MEASURING_CHECK } from "../lib/motionfixtures";
import { hasPaths, PathOverlay } from "./pathoverlay";

/** A 1280 × 720 video, 4 s long, shown in a 640 × 480 element: bars of 60 px above and below. */
function setup(colourOf: (area: string) => string | null = () => "#e8453c") {
  const video = document.createElement("video");
  const state = { time: 0 };
  const sizes = { clientWidth: 640, clientHeight: 480, videoWidth: 1280, videoHeight: 720 };
  for (const [name, value] of Object.entries(sizes)) {
    Object.defineProperty(video, name, { get: () => value });
  }
  Object.defineProperty(video, "duration", { get: () => 4 });
  Object.defineProperty(video, "currentTime", { get: () => state.time });
  const overlay = new PathOverlay(video, colourOf);
  const arcs: { x: number; y: number; colour: string }[] = [];
  const pen = {
    lineWidth: 1,
    strokeStyle: "",
    fillStyle: "",
    clearRect() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    setLineDash() {},
    stroke() {},
    fill() {
      const last = arcs.at(-1);
      if (last) last.colour = String(pen.fillStyle);
    },
    arc(x: number, y: number) {
      arcs.push({ x, y, colour: "" });
    },
  };
  overlay.canvas.getContext = (() => pen) as never;
  document.body.replaceChildren(video, overlay.canvas);
  const seek = (seconds: number) => {
    state.time = seconds;
    video.dispatchEvent(new Event("seeked"));
  };
  return { video, overlay, canvas: overlay.canvas, arcs, seek };
}

describe("hasPaths", () => {
  it("is true for a measured check with a requested point", () => {
    expect(hasPaths(DONE)).toBe(true);
    expect(hasPaths(MEASURING_CHECK)).toBe(false);
    expect(hasPaths({ ...DONE, areas: [] })).toBe(false);
    expect(hasPaths(null)).toBe(false);
  });
});

describe("PathOverlay", () => {
  it("draws nothing until asked, and is hidden from assistive technology", () => {
    const { overlay, canvas, arcs, seek } = setup();
    overlay.show(DONE);
    seek(1);
    expect(canvas.hidden).toBe(true);
    expect(arcs).toEqual([]);
    expect(canvas.getAttribute("aria-hidden")).toBe("true");
    overlay.destroy();
  });

  it("lies over the shown frame only, between the letterbox bars", () => {
    const { overlay, canvas } = setup();
    overlay.show(DONE);
    overlay.setOn(true);
    expect(canvas.hidden).toBe(false);
    expect(canvas.dataset.placed).toBe("true");
    expect([canvas.style.left, canvas.style.top, canvas.style.width, canvas.style.height]).toEqual([
      "0px",
      "60px",
      "640px",
      "360px",
    ]);
    expect([canvas.width, canvas.height]).toEqual([640, 360]);
    overlay.destroy();
  });

  it("draws where the area is at the moment shown, through the crop and the letterbox", () => {
    // The 1000 × 500 picture covers the 1280 × 720 frame at 1.44 (80 px cut each side), shown
    // at half size: picture (500, 250), where the boat is due and measured at 2 s, is (320, 180).
    const { overlay, canvas, arcs, seek } = setup();
    overlay.show(DONE);
    overlay.setOn(true);
    arcs.length = 0;
    seek(2);
    expect(canvas.dataset.time).toBe("2.000");
    const [due, , dot] = arcs;
    expect(due).toMatchObject({ x: 320, y: 180 });
    expect(dot).toMatchObject({ x: 320, y: 180, colour: "#e8453c" });
    arcs.length = 0;
    seek(4); // at the end it is due at (900, 250) but got to (700, 250)
    expect(arcs[0]).toMatchObject({ x: (900 * 1.44 - 80) / 2, y: 180 });
    expect(arcs[1]).toMatchObject({ x: (700 * 1.44 - 80) / 2, y: 180 });
    overlay.destroy();
  });

  it("stops drawing when turned off or shown a check without paths", () => {
    const { overlay, canvas, arcs, seek } = setup();
    overlay.show(DONE);
    overlay.setOn(true);
    overlay.setOn(false);
    arcs.length = 0;
    seek(1);
    expect(canvas.hidden).toBe(true);
    expect(arcs).toEqual([]);
    overlay.setOn(true);
    overlay.show(MEASURING_CHECK);
    arcs.length = 0;
    seek(2);
    expect(canvas.hidden).toBe(true);
    expect(arcs).toEqual([]);
    overlay.destroy();
  });

  it("takes each area's colour from the painter's areas, the canvas's own for one that is gone", () => {
    const { overlay, canvas, arcs, seek } = setup(() => null);
    canvas.style.color = "rgb(25, 118, 210)";
    overlay.show(DONE);
    overlay.setOn(true);
    arcs.length = 0;
    seek(2);
    expect(arcs.at(-1)?.colour).toBe("rgb(25, 118, 210)");
    overlay.destroy();
  });
});
