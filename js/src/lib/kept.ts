// What the chosen model cannot use is kept, not sent (the kernel's `kept.py`): its problems carry a
// warning per kept group, "the motion brush: kept, not sent with kling-v2-1 pro 5 s — it is on …".
// The controls say where the feature is (their `reason`); beside the kept value the short part is
// enough: "kept, not sent with kling-v2-1 pro 5 s".

import type { Problem } from "../generated/contract";

/** The kept note for a request field, in short, or null when nothing there is kept. */
export function keptNote(problems: readonly Problem[], field: string): string | null {
  const kept = problems.find((p) => p.field === field && p.severity === "warning");
  if (kept === undefined) return null;
  // Other warnings (e.g. "not documented on CometAPI — sent as is") are short already.
  return kept.rule.includes(": kept, ") ? shortNote(kept.rule) : kept.rule;
}

/** "the camera move: kept, not sent with X — it is on Y" → "kept, not sent with X". */
export function shortNote(rule: string): string {
  const named = rule.indexOf(": ");
  const words = named >= 0 ? rule.slice(named + 2) : rule;
  return words.split(" — ")[0] ?? words;
}
