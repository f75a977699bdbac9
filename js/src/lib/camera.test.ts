import { describe, expect, it } from "vitest";
import { AXES, activeAxis, setAxis, stillCamera } from "./camera";

describe("camera axes", () => {
  it("lists Kling's six axes in order", () => {
    expect(AXES).toEqual(["horizontal", "vertical", "pan", "tilt", "roll", "zoom"]);
  });

  it("moving one axis zeroes all the others", () => {
    let config = setAxis(stillCamera(), "pan", 5);
    config = setAxis(config, "zoom", -3);
    expect(config).toEqual({ horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: -3 });
    expect(activeAxis(config)).toBe("zoom");
  });

  it("does not change the config it was given", () => {
    const config = setAxis(stillCamera(), "tilt", 2);
    setAxis(config, "roll", 4);
    expect(config.tilt).toBe(2);
    expect(config.roll).toBe(0);
  });

  it("setting the active axis back to zero gives a still camera", () => {
    const config = setAxis(setAxis(stillCamera(), "vertical", 7), "vertical", 0);
    expect(activeAxis(config)).toBeNull();
    expect(config).toEqual(stillCamera());
  });

  it("treats a value that is not a number as zero", () => {
    expect(activeAxis(setAxis(stillCamera(), "roll", Number.NaN))).toBeNull();
  });

  it("repairs a config where several axes moved, keeping only the one set", () => {
    const messy = { horizontal: 1, vertical: 2, pan: 3, tilt: 0, roll: 0, zoom: 4 };
    expect(activeAxis(messy)).toBe("horizontal");
    expect(setAxis(messy, "pan", 3)).toEqual({ ...stillCamera(), pan: 3 });
  });
});
