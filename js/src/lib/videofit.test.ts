import { describe, expect, it } from "vitest";
import { applyAffine, compose, containRect, coverFit, pictureOnVideo } from "./videofit";

describe("coverFit: the picture scaled to fill the frame, the overflow cut evenly", () => {
  it("cuts a square picture's top and bottom in a 16:9 frame", () => {
    // 1000 × 1000 into 1280 × 720: scale 1.28 → 1280 × 1280, 280 px cut above and below.
    const fit = coverFit({ width: 1000, height: 1000 }, { width: 1280, height: 720 });
    expect(fit).toEqual({ scale: 1.28, dx: 0, dy: -280 });
    if (fit === null) return;
    expect(applyAffine(fit, { x: 500, y: 500 })).toEqual({ x: 640, y: 360 }); // centre → centre
    expect(applyAffine(fit, { x: 0, y: 218.75 })).toEqual({ x: 0, y: 0 }); // the first row kept
  });

  it("cuts a wide picture's sides in a portrait frame", () => {
    // 2000 × 1000 into 720 × 1280: scale 1.28 → 2560 × 1280, 920 px cut each side.
    const fit = coverFit({ width: 2000, height: 1000 }, { width: 720, height: 1280 });
    expect(fit?.scale).toBeCloseTo(1.28);
    expect(fit?.dx).toBeCloseTo(-920);
    expect(fit?.dy).toBeCloseTo(0);
  });

  it("only scales a picture of the frame's shape", () => {
    expect(coverFit({ width: 640, height: 360 }, { width: 1280, height: 720 })).toEqual({
      scale: 2,
      dx: 0,
      dy: 0,
    });
  });

  it("has no fit for an unknown size", () => {
    expect(coverFit({ width: 0, height: 10 }, { width: 10, height: 10 })).toBeNull();
    expect(coverFit({ width: 10, height: 10 }, { width: 10, height: Number.NaN })).toBeNull();
  });
});

describe("containRect: object-fit contain", () => {
  it("puts bars above and below a wide frame in a taller box", () => {
    expect(containRect({ width: 1280, height: 720 }, { width: 640, height: 480 })).toEqual({
      left: 0,
      top: 60,
      width: 640,
      height: 360,
    });
  });

  it("puts bars beside a tall frame in a 16:9 box", () => {
    expect(containRect({ width: 720, height: 1280 }, { width: 640, height: 360 })).toEqual({
      left: 218.75,
      top: 0,
      width: 202.5,
      height: 360,
    });
  });
});

describe("pictureOnVideo: picture → frame → element", () => {
  const picture = { width: 1000, height: 1000 };
  const frame = { width: 1280, height: 720 };
  const box = { width: 640, height: 480 };

  it("maps the picture's centre to the box's centre, through both fits", () => {
    const display = pictureOnVideo(picture, frame, box);
    expect(display?.rect).toEqual({ left: 0, top: 60, width: 640, height: 360 });
    if (display === null) return;
    expect(applyAffine(display.toBox, { x: 500, y: 500 })).toEqual({ x: 320, y: 240 });
    expect(applyAffine(display.toRect, { x: 500, y: 500 })).toEqual({ x: 320, y: 180 });
  });

  it("puts the frame's first visible picture row on the shown frame's top edge", () => {
    const display = pictureOnVideo(picture, frame, box);
    if (display === null) throw new Error("no display");
    // Picture row 218.75 is frame row 0 (see coverFit), shown at box row 60 (the bar's edge).
    expect(applyAffine(display.toBox, { x: 0, y: 218.75 })).toEqual({ x: 0, y: 60 });
    expect(applyAffine(display.toRect, { x: 1000, y: 781.25 })).toEqual({ x: 640, y: 360 });
  });

  it("agrees with applying the two fits one after the other", () => {
    const wide = { width: 1600, height: 900 };
    const tall = { width: 480, height: 640 };
    const display = pictureOnVideo({ width: 800, height: 600 }, wide, tall);
    const cover = coverFit({ width: 800, height: 600 }, wide);
    const rect = containRect(wide, tall);
    if (display === null || cover === null || rect === null) throw new Error("no display");
    const point = { x: 123, y: 456 };
    const inFrame = applyAffine(cover, point);
    const k = rect.width / wide.width;
    const expected = { x: rect.left + inFrame.x * k, y: rect.top + inFrame.y * k };
    const got = applyAffine(display.toBox, point);
    expect(got.x).toBeCloseTo(expected.x);
    expect(got.y).toBeCloseTo(expected.y);
  });

  it("waits for every size (the video's is 0 × 0 until its metadata loads)", () => {
    expect(pictureOnVideo(picture, { width: 0, height: 0 }, box)).toBeNull();
    expect(pictureOnVideo(picture, frame, { width: 0, height: 0 })).toBeNull();
  });

  it("composes shifts after scales", () => {
    const map = compose({ scale: 2, dx: 1, dy: 2 }, { scale: 3, dx: 10, dy: 20 });
    expect(map).toEqual({ scale: 6, dx: 13, dy: 26 });
  });
});
