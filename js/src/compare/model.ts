// The slice of anywidget's model the Compare widget uses, typed by the kernel↔browser contract
// (generated from src/kling_studio/widgets/contract.py): axes, cells, summary.

import type { CompareToKernel, CompareTraits } from "../generated/contract";

export type { Axes, Axis, Cell, CompareToKernel, Summary } from "../generated/contract";

export type CellStatus = CompareTraits["cells"][number]["status"];

export interface CompareModel {
  get<K extends keyof CompareTraits>(name: K): CompareTraits[K];
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
  send(content: CompareToKernel, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
}
