// The slice of anywidget's model the Studio uses, typed by the kernel↔browser contract, whose
// types are generated from the Python side (src/kling_studio/widgets/contract.py).

import type { StudioToKernel, StudioTraits } from "../generated/contract";
import type { Update } from "../lib/watch";

export type {
  Area,
  CameraControl,
  Catalogue,
  Control,
  Controls,
  ModelInfo,
  Params,
  PictureMeta,
  Problem,
  ResumableTask,
  Run,
  Shot,
  Spend,
  Status,
  StudioToKernel,
} from "../generated/contract";

export type Traits = StudioTraits;

/**
 * What the widget itself tells its views about, not a trait: whether the kernel is still there
 * (`kernel`), and the refusal said under Generate (`refusal`, which the status does not repeat).
 */
export type Signal = "kernel" | "refusal";

/** What a view's update reads: traits, or the widget's signals. */
export type Source = keyof Traits | Signal;

/** A view's updates, each with what it reads; the widget runs each when one of those changes. */
export type Updates = readonly Update<Source>[];

export interface Model {
  get<K extends keyof Traits>(name: K): Traits[K];
  set<K extends keyof Traits>(name: K, value: Traits[K]): void;
  save_changes(): void;
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
  send(content: StudioToKernel, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
}

/** Sets one request field of the `params` trait and sends it to the kernel. */
export function setParam<K extends keyof Traits["params"]>(
  model: Model,
  name: K,
  value: Traits["params"][K],
): void {
  model.set("params", { ...model.get("params"), [name]: value });
  model.save_changes();
}

/** Sets several request fields of the `params` trait at once (one change, one message). */
export function setParams(model: Model, fields: Partial<Traits["params"]>): void {
  model.set("params", { ...model.get("params"), ...fields });
  model.save_changes();
}
