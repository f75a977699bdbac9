// The slice of anywidget's model the Studio uses, typed; and the shapes of its traits.

import type { Spend } from "../lib/spend";
import type { PainterArea } from "./painter/types";

export interface Model {
  get<K extends keyof Traits>(name: K): Traits[K];
  set<K extends keyof Traits>(name: K, value: Traits[K]): void;
  save_changes(): void;
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
  send(content: Record<string, unknown>, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
}

export interface Control {
  enabled: boolean;
  reason: string;
}

export interface Problem {
  field: string;
  rule: string;
  value: string | null;
  severity: "error" | "capability" | "warning";
  text: string;
}

export interface PictureMeta {
  name: string;
  width: number;
  height: number;
  bytes: number;
  notes: string[];
  version: number;
}

/** An area as the kernel keeps it: the Painter's own shape. */
export type Area = PainterArea;

export interface ModelInfo {
  name: string;
  durations: string[];
  single_tier: boolean;
  fps: number;
  height: Record<string, number>;
  confidence: string;
}

export interface Catalogue {
  models: ModelInfo[];
  default_model: string;
  multi_image_models: string[];
  aspect_ratios: string[];
  camera_types: string[];
  camera_axes: string[];
  camera_limit: number;
  max_dynamic_masks: number;
  max_multi_images: number;
  min_multi_images: number;
  prompt_limit: number;
  negative_prompt_limit: number;
}

export interface Status {
  phase?: string;
  /** Kling's id, once the create is answered. */
  task_id?: string | null;
  /** Ours, chosen before the create is sent: what finds the task if the answer is lost. */
  external_id?: string | null;
  elapsed?: number;
  queued_for?: number;
  processing_for?: number | null;
  eta?: number | null;
  progress?: number;
  message?: string;
  advice?: string;
  problems?: Problem[];
}

export interface Run {
  id: string;
  task_id?: string;
  external_id?: string | null;
  /** Picked up from an earlier session rather than generated here. */
  resumed?: boolean;
  path: string;
  sidecar: string;
  units: string | null;
  seconds: number;
  params: Record<string, unknown>;
}

/** A task from an earlier session (or a stopped wait) that can be waited for again. */
export interface ResumableTask {
  external_id: string;
  task_id: string | null;
  status: string;
  model: string;
  mode: string;
  duration: string;
  prompt: string;
  /** Unix seconds. */
  created_at: number;
  estimate: number | null;
  /** Created before this Studio was: by an earlier kernel, or elsewhere. */
  earlier: boolean;
}

export type Params = Record<string, unknown>;

export interface Traits {
  kind: "image2video" | "multi-image2video";
  params: Params;
  areas: Area[];
  pictures: Record<string, PictureMeta>;
  multi_order: string[];
  catalogue: Catalogue;
  controls: Record<string, Control>;
  problems: Problem[];
  units: number | null;
  status: Status;
  history: Run[];
  resumable: ResumableTask[];
  spend: Spend;
  /** What kind of service this is ("CometAPI", "the local emulator"…); never its address. */
  provider: string;
  emulated: boolean;
}

/** Sets one key of the `params` trait and sends it to the kernel. */
export function setParam(model: Model, name: string, value: unknown): void {
  model.set("params", { ...model.get("params"), [name]: value });
  model.save_changes();
}
