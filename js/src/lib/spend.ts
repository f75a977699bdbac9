// "this run ≈ 10 units · spent today 35 · budget 100, 65 left": what a run will cost next to what
// today has cost, so spend is approved knowingly. Emulated spend says so: it is never billed.

import { formatUnits, unitsText } from "./confirm";

export interface Spend {
  /** The estimate for the run on offer; null when the form does not make a valid run. */
  run: number | null;
  /** Units spent today on this provider (emulated spend is counted apart). */
  today: number;
  budget: number | null;
  left: number | null;
  /** The run would take today's spend past the budget. */
  over: boolean;
  emulated: boolean;
}

export function spendText(spend: Spend): string {
  const parts: string[] = [];
  if (spend.run !== null) parts.push(`this run ≈ ${unitsText(spend.run)}`);
  parts.push(`spent today ${formatUnits(spend.today)}${spend.emulated ? " (emulated)" : ""}`);
  if (spend.budget !== null) {
    const left = spend.left ?? Math.max(0, spend.budget - spend.today);
    parts.push(`budget ${formatUnits(spend.budget)}, ${formatUnits(left)} left`);
  }
  return parts.join(" · ");
}
