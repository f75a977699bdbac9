// The slice of anywidget's model the Compare widget uses, typed; and the shapes of its traits
// (the kernel's contract: axes, cells, summary).

export interface Axis {
  name: string;
  values: string[];
}

export interface Axes {
  rows: Axis | null;
  columns: Axis | null;
}

export type CellStatus =
  | "planned"
  | "queued"
  | "submitted"
  | "processing"
  | "succeed"
  | "failed"
  | "unsupported"
  | "error";

export interface Cell {
  id: string;
  row: number | null;
  column: number | null;
  label: string;
  differs: Record<string, string>;
  status: CellStatus;
  reason: string;
  elapsed: number | null;
  units: string | null;
  estimate: number | null;
  task_id: string | null;
  has_video: boolean;
  path: string | null;
}

export interface Summary {
  tasks: number;
  units: number;
  unsupported: number;
  warnings: string[];
  max_units: number | null;
  over_budget: boolean;
  phase: "planned" | "running" | "done" | "refused";
  /** The sweep's own folder, where its videos go (made fresh for each sweep). */
  folder?: string;
  /** What kind of service runs it ("CometAPI", "the local emulator"…); never its address. */
  provider?: string;
  emulated?: boolean;
  message?: string;
}

export interface CompareTraits {
  axes: Axes;
  cells: Cell[];
  summary: Summary;
}

export interface CompareModel {
  get<K extends keyof CompareTraits>(name: K): CompareTraits[K];
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
  send(content: Record<string, unknown>, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
}
