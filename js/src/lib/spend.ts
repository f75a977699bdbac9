// "this run ≈ 10 units · spent today 35 · budget 100, 65 left": what a run will cost next to what
// today has cost, so spend is approved knowingly. Emulated spend says so: it is never billed.

import type { Spend } from "../generated/contract";
import { formatUnits, unitsText } from "./confirm";

export type { Spend };

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
