// How a run in the history reads at a glance: its prompt (shortened), when it finished, what it
// was made with and what it cost. Pure, so the words are tested without a page.

import type { Run } from "../generated/contract";

/** Prompts longer than this are shortened in a tile (the whole text is in its tooltip). */
export const PROMPT_SHOWN = 70;

/** `text` cut at a word to at most `limit` characters, with "…" when anything was cut. */
export function shorten(text: string, limit = PROMPT_SHOWN): string {
  const flat = text.split(/\s+/).filter(Boolean).join(" ");
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit); // a space at its end means the last word is whole
  const space = cut.lastIndexOf(" ");
  return `${(space > limit / 2 ? cut.slice(0, space) : cut.slice(0, limit - 1)).trimEnd()}…`;
}

/** The prompt as a tile shows it; a run made without one says so. */
export function promptShown(run: Run): string {
  return run.prompt.trim() ? shorten(run.prompt) : "(no prompt)";
}

/** "14:05" today, "3 Mar 14:05" on another day (in the person's own locale and time zone). */
export function finishedAt(unixSeconds: number, now: Date = new Date()): string {
  const when = new Date(unixSeconds * 1000);
  const time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (when.toDateString() === now.toDateString()) return time;
  const day = when.toLocaleDateString([], { day: "numeric", month: "short" });
  return `${day} ${time}`;
}

/** "kling-v1 · std · 5 s": the settings that tell runs apart. */
export function settingsShown(run: Run): string {
  const { model_name: model, mode, duration } = run.params;
  return [model, mode, duration === undefined || duration === null ? null : `${duration} s`]
    .filter((part) => part !== undefined && part !== null && part !== "")
    .join(" · ");
}

/** "1 unit", "3.5 units" (what Kling charged), or "units not reported". */
export function unitsShown(run: Run): string {
  if (run.units === null || run.units.trim() === "") return "units not reported";
  return `${run.units} ${Number(run.units) === 1 ? "unit" : "units"}`;
}

/** "1 unit · made in 42 s", with "resumed" first for a run picked up from an earlier session. */
export function costShown(run: Run): string {
  const made = `${unitsShown(run)} · made in ${run.seconds.toFixed(0)} s`;
  return run.resumed ? `resumed · ${made}` : made;
}
