// What the chosen model cannot use is kept, not sent (the kernel's `kept.py`): its problems carry a
// warning per kept group, "the motion brush: kept, not sent with kling-v2-1 pro 5 s — it is on …",
// with the short form, "kept, not sent with kling-v2-1 pro 5 s", as `brief`. The controls say where
// the feature is (their `reason`); beside the kept value the brief is enough.

import type { Problem } from "../generated/contract";

/** The note beside a request field's control, or null when no warning is about it: a warning's
 * brief when the kernel gave one, else its rule (e.g. "not documented on CometAPI — sent as is"). */
export function keptNote(problems: readonly Problem[], field: string): string | null {
  const kept = problems.find((p) => p.field === field && p.severity === "warning");
  return kept === undefined ? null : (kept.brief ?? kept.rule);
}
