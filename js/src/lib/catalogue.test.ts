import { describe, expect, it } from "vitest";
import type { Catalogue } from "../generated/contract";
import {
  cameraRange,
  chosen,
  durationsFor,
  modelInfo,
  modelNames,
  modesFor,
  multiImageLabel,
} from "./catalogue";

/** A catalogue as the kernel sends it (typed by the generated contract, so it cannot drift). */
const CATALOGUE: Catalogue = {
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
  default_model: "kling-v1",
  multi_image_models: ["kling-v1-6"],
  aspect_ratios: ["16:9", "9:16", "1:1"],
  default_aspect_ratio: "16:9",
  camera_types: ["simple", "down_back"],
  camera_axes: ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"],
  camera_limit: 10,
  max_dynamic_masks: 6,
  max_trajectory_points: 77,
  cfg_scale_min: 0,
  cfg_scale_max: 1,
  cfg_scale_default: 0.5,
  max_upload_bytes: 50 * 1024 * 1024,
  min_multi_images: 1,
  max_multi_images: 4,
  prompt_limit: 2500,
  negative_prompt_limit: 2500,
  mask_threshold: 127,
  shot_types: ["customize", "intelligence"],
  max_shots: 6,
  max_shot_prompt: 512,
  min_shot_seconds: 1,
  max_voices: 2,
  max_elements: 3,
  provider: "Kling",
  strict: true,
  documented: { image2video: { durations: null, undocumented: [] } },
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
