// Compare's requests (what can fail), each with a timeout sized to its work.

import type { CompareReplies, CompareToKernel } from "../generated/contract";
import type { Asker, Plan } from "../lib/ask";

export type CompareAsk = Asker<CompareReplies, CompareToKernel>;

export const COMPARE_PLANS: { [K in keyof CompareReplies]: Plan } = {
  // The budget check and the sweep's folder.
  start: { timeoutMs: 60_000, field: "start" },
  // Answered with the outcome: a slot wait (up to 30 min), the render, the download.
  retry: { timeoutMs: 2 * 60 * 60_000, field: "retry" },
  // First, middle and last frame of every finished cell.
  "contact-sheet": { timeoutMs: 5 * 60_000, field: "contact sheet" },
  // Every cell decoded and the grid encoded: about a second per second of 720p grid.
  "export-grid": { timeoutMs: 15 * 60_000, field: "export" },
};
