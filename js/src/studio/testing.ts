// For tests only (no widget imports it): a catalogue as the kernel sends it,
// cut down to a few models, and a model whose `set` runs a view's updates as anywidget's change
// events would.

import type { Catalogue, Controls, Model, Params, Problem, Traits, Updates } from "./model";

const ROW = {
  modes: ["std", "pro"],
  single_tier: false,
  fps: 30,
  height: { std: 720, pro: 720 },
  confidence: "official capability map",
  multi_shot: false,
  element_list: false,
};

/** The kernel's catalogue for Kling's own API (strict, everything documented). */
export const CATALOGUE: Catalogue = {
  models: [
    { ...ROW, name: "kling-v1", durations: ["5", "10"], camera_types: [] },
    { ...ROW, name: "kling-v1-5", durations: ["5", "10"], camera_types: ["simple"] },
    { ...ROW, name: "kling-v1-6", durations: ["5", "10"], camera_types: [] },
    {
      ...ROW,
      name: "kling-v3",
      durations: Array.from({ length: 13 }, (_, i) => String(i + 3)),
      camera_types: [],
      fps: 24,
      multi_shot: true,
      element_list: true,
    },
  ],
  default_model: "kling-v1",
  multi_image_models: ["kling-v1-6"],
  aspect_ratios: ["16:9"],
  default_aspect_ratio: "16:9",
  camera_types: ["simple", "down_back"],
  camera_axes: ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"],
  camera_limit: 10,
  max_dynamic_masks: 6,
  max_trajectory_points: 77,
  cfg_scale_min: 0,
  cfg_scale_max: 1,
  cfg_scale_default: 0.5,
  max_upload_bytes: 1,
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
  documented: {
    image2video: { durations: null, undocumented: [] },
    "multi-image2video": { durations: null, undocumented: [] },
  },
  selection: {
    tolerance_max: 100,
    tolerance_default: 20,
    refine_max_px: 200,
    refine_default_px: 4,
    arc_bend_default: 0.25,
    max_clip_bytes: 200 * 2 ** 20,
  },
};

/** The same through a provider whose page lists 5 and 10 s and none of the v3 fields, with a
 * client that sends what it does not document. */
export const LENIENT: Catalogue = {
  ...CATALOGUE,
  provider: "CometAPI",
  strict: false,
  prompt_limit: 500,
  negative_prompt_limit: 200,
  documented: {
    image2video: {
      durations: ["5", "10"],
      undocumented: [
        "element_list",
        "multi_prompt",
        "multi_shot",
        "shot_type",
        "sound",
        "voice_list",
      ],
    },
    "multi-image2video": { durations: ["5", "10"], undocumented: [] },
  },
};

export interface Mounted {
  traits: Partial<Traits>;
  /** Sets traits as the kernel would, and runs the updates. */
  change(next: Partial<Traits>): void;
  params(): Params;
  get<E extends HTMLElement>(testid: string): E;
  all<E extends HTMLElement>(selector: string): E[];
  element: HTMLElement;
  /** How many times the view set `params` (each a message to the kernel). */
  sent(): number;
}

export interface MountOptions {
  params: Params;
  controls?: Controls;
  problems?: Problem[];
  catalogue?: Catalogue;
  /** Any other traits the view reads (`carried`, `areas`…). */
  traits?: Partial<Traits>;
}

/** Builds a view on a fake model, in the document (focus needs it), and runs its updates. */
export function mount(
  make: (model: Model) => { element: HTMLElement; updates: Updates },
  { params, controls = {}, problems = [], catalogue = CATALOGUE, traits: more = {} }: MountOptions,
): Mounted {
  const traits: Partial<Traits> = {
    kind: "image2video",
    params,
    catalogue,
    controls,
    problems,
    ...more,
  };
  let updates: (() => void)[] = [];
  let saves = 0;
  const model: Model = {
    get: (name) => traits[name] as never,
    set: (name, value) => {
      traits[name] = value;
    },
    save_changes: () => {
      saves += 1;
      for (const run of updates) run();
    },
    on: () => {},
    off: () => {},
    send: () => {},
  };
  const view = make(model);
  updates = view.updates.map((update) => update.run);
  document.body.replaceChildren(view.element);
  const change = (next: Partial<Traits>) => {
    Object.assign(traits, next);
    for (const run of updates) run();
  };
  change({});
  return {
    traits,
    change,
    params: () => traits.params ?? {},
    get: <E extends HTMLElement>(testid: string) =>
      view.element.querySelector(`[data-testid="${testid}"]`) as E,
    all: <E extends HTMLElement>(selector: string) => [
      ...view.element.querySelectorAll<E>(selector),
    ],
    element: view.element,
    sent: () => saves,
  };
}
