// The grid's export in words and as a request: the formats offered, which cell's sound goes
// into the file (the cell heard, for a format that carries sound), the line that follows the
// kernel's `summary.export` (progress, then what was written or why not), and why Export is
// unavailable. Pure.

import type { ExportGridAsked, GridExport } from "../generated/contract";

export type ExportFormat = ExportGridAsked["format"];

/** The formats offered, in menu order: a video with sound, or a looping picture (a README's). */
export const EXPORT_FORMATS: readonly {
  readonly value: ExportFormat;
  readonly label: string;
  readonly sound: boolean;
}[] = [
  { value: "mp4", label: "MP4 with sound", sound: true },
  { value: "gif", label: "GIF", sound: false },
  { value: "webp", label: "WebP", sound: false },
];

export function isExportFormat(value: string): value is ExportFormat {
  return EXPORT_FORMATS.some((format) => format.value === value);
}

function carriesSound(format: ExportFormat): boolean {
  return EXPORT_FORMATS.some((known) => known.value === format && known.sound);
}

/** The request: the format, and the heard cell's sound where the format carries sound. */
export function exportRequest(format: ExportFormat, heard: string | null): ExportGridAsked {
  return { type: "export-grid", format, audio: carriesSound(format) ? heard : null };
}

/** The cell heard, as the export's sound line names it. */
export interface HeardCell {
  readonly id: string;
  readonly label: string;
}

/** What the file will sound like, said beside the format before the person exports. */
export function soundNote(format: ExportFormat, heard: HeardCell | null): string {
  const label = EXPORT_FORMATS.find((known) => known.value === format)?.label ?? format;
  if (!carriesSound(format)) return `A ${label} has no sound.`;
  if (heard === null) return "Silent: press a cell's Hear to put its sound in.";
  return `Sound from ${heard.label}, the cell you hear.`;
}

export const EXPORTING = "Exporting the grid…";

/** Whole percent done, never 100 before the kernel says done. */
export function percent(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.min(Math.max(Math.floor(progress * 100), 0), 99);
}

/** The status line for the kernel's export state: progress, then its words on the outcome. */
export function exportLine(state: GridExport | undefined): string {
  if (state === undefined) return "";
  if (state.phase === "exporting") return `${EXPORTING} ${percent(state.progress)} %`;
  return state.text;
}

/** Why Export cannot be pressed now ("" when it can). */
export function exportBlocked(videos: number, alive: boolean): string {
  if (!alive) return "The kernel is gone: nothing can be exported.";
  if (videos === 0) return "Export needs a cell with a video.";
  return "";
}
