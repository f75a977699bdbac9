import { describe, expect, it } from "vitest";
import type { Catalogue } from "../generated/contract";
import { CATALOGUE as STUDIO_CATALOGUE } from "../studio/testing";
import {
  cameraRange,
  chosen,
  durationsFor,
  modelInfo,
  modelNames,
  modesFor,
  multiImageLabel,
} from "./catalogue";

/** The Studio tests' catalogue with the model rows these lookups are about. */
const CATALOGUE: Catalogue = {
  ...STUDIO_CATALOGUE,
  models: [
    {
      name: "kling-v1",
      modes: ["std", "pro"],
      durations: ["5", "10"],
      single_tier: false,
      fps: 30,
      height: { std: 720, pro: 720 },
      confidence: "official capability map",
      camera_types: [],
      multi_shot: false,
      element_list: false,
    },
    {
      name: "kling-v3",
      modes: ["std", "pro"],
      durations: ["3", "4", "5", "15"],
      single_tier: false,
      fps: 24,
      height: { std: 720, pro: 1080 },
      confidence: "secondary sources",
      camera_types: [],
      multi_shot: true,
      element_list: true,
    },
    {
      name: "kling-v1-6",
      modes: ["std", "pro"],
      durations: ["5", "10"],
      single_tier: false,
      fps: 30,
      height: { std: 720, pro: 1080 },
      confidence: "official capability map",
      camera_types: ["simple"],
      multi_shot: false,
      element_list: false,
    },
  ],
};

describe("choices from the catalogue", () => {
  it("offers each model's own durations and modes", () => {
    expect(durationsFor(CATALOGUE, "kling-v3")).toEqual(["3", "4", "5", "15"]);
    expect(durationsFor(CATALOGUE, "kling-v1")).toEqual(["5", "10"]);
    expect(modesFor(CATALOGUE, "kling-v3")).toEqual(["std", "pro"]);
    const [v1] = CATALOGUE.models;
    if (v1 === undefined) throw new Error("the fixture lists kling-v1 first");
    const tierless = { ...CATALOGUE, models: [{ ...v1, modes: ["std"] }] };
    expect(modesFor(tierless, "kling-v1")).toEqual(["std"]);
  });

  it("falls back to the default model's row for a model the table lacks", () => {
    expect(modelInfo(CATALOGUE, "kling-v9")?.name).toBe("kling-v1");
    expect(durationsFor(CATALOGUE, "kling-v9")).toEqual(["5", "10"]);
  });

  it("offers multi-image models in multi-image mode, keeping an unknown choice visible", () => {
    expect(modelNames(CATALOGUE, true, "kling-v1-6")).toEqual(["kling-v1-6"]);
    expect(modelNames(CATALOGUE, false, "kling-v1")).toEqual([
      "kling-v1",
      "kling-v3",
      "kling-v1-6",
    ]);
    expect(modelNames(CATALOGUE, false, "kling-v9")).toContain("kling-v9");
  });

  it("shows the current value, or the first offered when there is none", () => {
    expect(chosen("pro", ["std", "pro"])).toBe("pro");
    expect(chosen(undefined, ["3", "4"])).toBe("3");
    expect(chosen(null, [])).toBe("");
  });

  it("ranges camera sliders over ±camera_limit", () => {
    expect(cameraRange(CATALOGUE)).toEqual({ min: -10, max: 10 });
    expect(cameraRange({ ...CATALOGUE, camera_limit: 5 })).toEqual({ min: -5, max: 5 });
  });

  it("names the multi-image mode with the table's own bounds", () => {
    expect(multiImageLabel(CATALOGUE)).toBe("1–4 images → video");
    expect(multiImageLabel({ ...CATALOGUE, min_multi_images: 2 })).toBe("2–4 images → video");
    expect(multiImageLabel({ ...CATALOGUE, min_multi_images: 1, max_multi_images: 1 })).toBe(
      "1 image → video",
    );
  });
});
