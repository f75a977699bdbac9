import { describe, expect, it } from "vitest";
import {
  formatUnits,
  generateLabel,
  isArmed,
  press,
  reconcile,
  UNARMED,
  unitsText,
} from "./confirm";

describe("press", () => {
  it("sends at once within the budget", () => {
    expect(press(UNARMED, false, 10)).toEqual({
      next: UNARMED,
      send: { allowOverBudget: false },
    });
  });

  it("only arms on the first click over the budget", () => {
    const first = press(UNARMED, true, 35);
    expect(first.send).toBeNull();
    expect(isArmed(first.next, 35)).toBe(true);
  });

  it("sends with the budget overridden on the second click", () => {
    const first = press(UNARMED, true, 35);
    expect(press(first.next, true, 35)).toEqual({
      next: UNARMED,
      send: { allowOverBudget: true },
    });
  });

  it("asks again when the estimate changed between the clicks", () => {
    const first = press(UNARMED, true, 35);
    expect(press(first.next, true, 70).send).toBeNull();
  });
});

describe("reconcile", () => {
  const armed = press(UNARMED, true, 35).next;

  it("keeps the button armed for the same run", () => {
    expect(reconcile(armed, true, 35)).toBe(armed);
  });

  it("disarms when the run no longer goes over or costs something else", () => {
    expect(reconcile(armed, false, 35)).toEqual(UNARMED);
    expect(reconcile(armed, true, 10)).toEqual(UNARMED);
  });
});

describe("generateLabel", () => {
  it("says what the next click spends", () => {
    const armed = press(UNARMED, true, 3.5).next;
    expect(generateLabel(armed, 3.5, false)).toBe("Over budget — click again to spend ≈ 3.5 units");
    expect(generateLabel(UNARMED, 3.5, false)).toBe("Generate");
    expect(generateLabel(armed, 3.5, true)).toBe("Generating…");
  });
});

describe("formatUnits", () => {
  it("drops float noise", () => {
    expect(formatUnits(0.1 + 0.2)).toBe("0.3");
    expect(formatUnits(10)).toBe("10");
  });

  it("says unit for one", () => {
    expect(unitsText(1)).toBe("1 unit");
    expect(unitsText(2.5)).toBe("2.5 units");
    expect(unitsText(0)).toBe("0 units");
    expect(unitsText(0.4 + 0.6)).toBe("1 unit"); // float noise does not make it plural
    expect(unitsText(1.0000001)).toBe("1 unit");
  });
});
