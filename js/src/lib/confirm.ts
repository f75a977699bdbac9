// Spending past the budget takes two explicit clicks: the first only arms the button (which
// then says what it will spend), the second sends with the budget overridden. Anything that
// changes what would be spent disarms it, so a confirmation never carries over to another run.

export interface Confirmation {
  /** The estimate the person was shown when the button was armed; null when not armed. */
  armedFor: number | null;
}

export const UNARMED: Confirmation = { armedFor: null };

export interface Press {
  next: Confirmation;
  /** What to send now, or null when the click only armed the button. */
  send: { allowOverBudget: boolean } | null;
}

/** What a click on Generate does, given whether the run would go over the budget. */
export function press(state: Confirmation, overBudget: boolean, estimate: number | null): Press {
  if (!overBudget) return { next: UNARMED, send: { allowOverBudget: false } };
  if (isArmed(state, estimate)) return { next: UNARMED, send: { allowOverBudget: true } };
  return { next: { armedFor: estimate ?? 0 }, send: null };
}

/** Keeps the button armed only while the same over-budget run is on offer. */
export function reconcile(
  state: Confirmation,
  overBudget: boolean,
  estimate: number | null,
): Confirmation {
  return overBudget && isArmed(state, estimate) ? state : UNARMED;
}

export function isArmed(state: Confirmation, estimate: number | null): boolean {
  return state.armedFor !== null && state.armedFor === (estimate ?? 0);
}

/** The button's words: what a click will do. */
export function generateLabel(state: Confirmation, estimate: number | null, busy: boolean): string {
  if (busy) return "Generating…";
  if (isArmed(state, estimate)) {
    return `Over budget — click again to spend ≈ ${unitsText(estimate ?? 0)}`;
  }
  return "Generate";
}

/** Units as people read them: whole numbers plain, fractions to two places at most. */
export function formatUnits(units: number): string {
  return Number.isInteger(units) ? String(units) : String(Math.round(units * 100) / 100);
}

/** "1 unit", "2.5 units": singular when the number as shown is one (1.0000001 shows as 1). */
export function unitsText(units: number): string {
  const shown = formatUnits(units);
  return `${shown} unit${shown === "1" ? "" : "s"}`;
}
