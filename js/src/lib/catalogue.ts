// The choices and limits the form offers, read from the catalogue the kernel sends (built from
// the capability table): the front end hard-codes none of them.

import type { Catalogue, ModelInfo } from "../generated/contract";

/** The models the form offers; one the table lacks (set from Python) stays chosen. */
export function modelNames(catalogue: Catalogue, multi: boolean, chosen: string): string[] {
  const names = multi ? catalogue.multi_image_models : catalogue.models.map((m) => m.name);
  return names.includes(chosen) ? names : [...names, chosen];
}

/** The table's row for `name`; the default model's for a model the table lacks. */
export function modelInfo(catalogue: Catalogue, name: string): ModelInfo | undefined {
  const { models } = catalogue;
  return (
    models.find((m) => m.name === name) ?? models.find((m) => m.name === catalogue.default_model)
  );
}

export function modesFor(catalogue: Catalogue, name: string): string[] {
  return modelInfo(catalogue, name)?.modes ?? [];
}

export function durationsFor(catalogue: Catalogue, name: string): string[] {
  return modelInfo(catalogue, name)?.durations ?? [];
}

/** The value a choice shows: the current one when set, else the first offered. */
export function chosen(current: string | null | undefined, offered: readonly string[]): string {
  return current ?? offered[0] ?? "";
}

/** A camera slider's range: ±`camera_limit`. */
export function cameraRange(catalogue: Catalogue): { min: number; max: number } {
  return { min: -catalogue.camera_limit, max: catalogue.camera_limit };
}

/** "1–4 images → video": the multi-image mode, with the table's own bounds. */
export function multiImageLabel(catalogue: Catalogue): string {
  const { min_multi_images: least, max_multi_images: most } = catalogue;
  const count = least === most ? `${most}` : `${least}–${most}`;
  return `${count} image${most === 1 ? "" : "s"} → video`;
}
