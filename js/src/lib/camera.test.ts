import { describe, expect, it } from "vitest";
import type { Catalogue } from "../generated/contract";
import {
  activeAxis,
  cameraChoices,
  cameraTypesFor,
  fullConfig,
  moveAxis,
  oneAxisText,
  setAxis,
  stillCamera,
} from "./camera";

/** The catalogue's camera_axes, as the kernel sends them. */
const AXES = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"];

describe("camera axes", () => {
  it("a still camera has every axis of the catalogue at zero", () => {
    expect(stillCamera(AXES)).toEqual({
      horizontal: 0,
      vertical: 0,
      pan: 0,
      tilt: 0,
      roll: 0,
      zoom: 0,
    });
    expect(stillCamera(["pan", "zoom"])).toEqual({ pan: 0, zoom: 0 });
  });

  it("moving one axis zeroes all the others", () => {
    const config = setAxis(AXES, "zoom", -3);
    expect(config).toEqual({ horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: -3 });
    expect(activeAxis(AXES, config)).toBe("zoom");
  });

  it("setting the active axis back to zero gives a still camera", () => {
    const config = setAxis(AXES, "vertical", 0);
    expect(activeAxis(AXES, config)).toBeNull();
    expect(config).toEqual(stillCamera(AXES));
  });

  it("treats a value that is not a number as zero", () => {
    expect(activeAxis(AXES, setAxis(AXES, "roll", Number.NaN))).toBeNull();
    expect(fullConfig(AXES, { pan: Number.NaN })).toEqual(stillCamera(AXES));
  });

  it("fills the axes a config leaves out, and drops those the catalogue lacks", () => {
    expect(fullConfig(["pan", "zoom"], { zoom: 4, spin: 2 })).toEqual({ pan: 0, zoom: 4 });
    expect(fullConfig(["pan"], null)).toEqual({ pan: 0 });
  });

  it("reads the first moving axis in the catalogue's order when several move", () => {
    const messy = { horizontal: 1, vertical: 2, pan: 3, tilt: 0, roll: 0, zoom: 4 };
    expect(activeAxis(AXES, messy)).toBe("horizontal");
    expect(activeAxis([...AXES].reverse(), messy)).toBe("zoom");
  });
});

describe("moving a second axis", () => {
  const zoomed = setAxis(AXES, "zoom", 6);

  it("resets the first and says which", () => {
    const { config, reset } = moveAxis(AXES, zoomed, "pan", 2);
    expect(config).toEqual(setAxis(AXES, "pan", 2));
    expect(reset).toBe("zoom");
    expect(oneAxisText("zoom")).toBe("one axis at a time: zoom was reset");
  });

  it("resets nothing when the same axis moves, the camera was still, or the move is to zero", () => {
    expect(moveAxis(AXES, zoomed, "zoom", 3).reset).toBeNull();
    expect(moveAxis(AXES, stillCamera(AXES), "pan", 2).reset).toBeNull();
    expect(moveAxis(AXES, zoomed, "pan", 0).reset).toBeNull();
  });
});

describe("camera types", () => {
  const catalogue = {
    camera_types: ["simple", "down_back", "forward_up"],
    models: [
      { name: "kling-v1", camera_types: [] },
      { name: "kling-v1-5", camera_types: ["simple"] },
    ],
  } as unknown as Catalogue;

  it("offers only what the model's catalogue entry lists", () => {
    expect(cameraChoices(cameraTypesFor(catalogue, "kling-v1-5"), null)).toEqual([
      "none",
      "simple",
    ]);
    expect(cameraChoices(cameraTypesFor(catalogue, "kling-v1"), null)).toEqual(["none"]);
  });

  it("keeps a kept type visible on a model without it", () => {
    expect(cameraChoices(cameraTypesFor(catalogue, "kling-v1"), "simple")).toEqual([
      "none",
      "simple",
    ]);
  });

  it("offers every type for a model the table lacks", () => {
    expect(cameraTypesFor(catalogue, "kling-v9")).toEqual(["simple", "down_back", "forward_up"]);
  });
});
