// The motion check of the run shown, under its video: while it runs, "Measuring the motion…";
// when it failed, why; once done, the overall score and verdict, then each dynamic area (its
// score, distance, direction and progress, its problem), the static area's stillness and the
// camera's move, as definition lists a screen reader reads term by term. The one line that
// changes on its own (measuring → the score, or the failure) is a polite live region, present
// from the start so each change is announced. lib/motionreport.ts decides every word.

import type { MotionCheck } from "../generated/contract";
import { type Fact, type MotionReport, motionReport, type PartReport } from "../lib/motionreport";
import { scoreWord } from "../lib/motionwords";
import { h, setHidden, setText, uniqueId } from "./dom";

export interface MotionPanel {
  element: HTMLElement;
  /** Shows `check` (null: the run has none, the panel hides); `colourOf`: a dynamic area's
   * painter colour by its name, null when the Studio has no such area. */
  show(check: MotionCheck | null, colourOf: (area: string) => string | null): void;
}

function facts(list: readonly Fact[], testid: string): HTMLElement {
  const element = h("dl", { class: "ks-motion-facts", "data-testid": testid });
  for (const fact of list) {
    const detail = h("dd", { "data-term": fact.term }, fact.detail);
    if (fact.problem) detail.classList.add("ks-motion-problem");
    element.append(h("dt", {}, fact.term), detail);
  }
  return element;
}

function part(report: PartReport, colour: string | null): HTMLElement {
  const id = uniqueId(`ks-motion-${report.id}`);
  const swatch = h("span", { class: "ks-motion-swatch", "aria-hidden": "true" });
  if (colour) swatch.style.setProperty("--ks-area-colour", colour);
  return h(
    "section",
    {
      class: "ks-motion-part",
      "aria-labelledby": id,
      "data-testid": `motion-part-${report.id}`,
      "data-score": report.score,
      "data-word": scoreWord(report.score),
    },
    h("h5", { id }, report.area === null ? null : swatch, report.title),
    facts(report.facts, `motion-facts-${report.id}`),
  );
}

export function motionPanel(): MotionPanel {
  const heading = uniqueId("ks-motion-heading");
  const status = h("p", {
    class: "ks-motion-status",
    role: "status",
    "aria-live": "polite",
    "data-testid": "motion-status",
  });
  const details = h("div", { class: "ks-motion-details" });
  const element = h(
    "section",
    { class: "ks-motion", "aria-labelledby": heading, "data-testid": "motion", hidden: true },
    h("h4", { id: heading }, "Motion check"),
    status,
    details,
  );
  /** What the details were built from: rebuilt only when it changes, not on every history tick. */
  let built = "";

  function render(report: MotionReport, colourOf: (area: string) => string | null): void {
    const colours = report.parts.map((entry) => (entry.area ? colourOf(entry.area) : null));
    const key = JSON.stringify([report, colours]);
    if (key === built) return;
    built = key;
    const summary = report.facts.length > 0 ? facts(report.facts, "motion-summary") : null;
    const parts = report.parts.map((entry, index) => part(entry, colours[index] ?? null));
    details.replaceChildren(...[summary, ...parts].filter((node) => node !== null));
  }

  return {
    element,
    show(check, colourOf) {
      setHidden(element, check === null);
      if (check === null) {
        element.removeAttribute("data-state");
        return;
      }
      const report = motionReport(check);
      element.dataset.state = report.state;
      if (report.score === null) element.removeAttribute("data-score");
      else element.dataset.score = String(report.score);
      setText(status, report.status);
      render(report, colourOf);
    },
  };
}
