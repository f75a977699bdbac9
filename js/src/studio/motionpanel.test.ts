// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { DONE, FAILED_CHECK, MEASURING_CHECK, REVERSED } from "../lib/motionfixtures";
import { motionPanel } from "./motionpanel";

function setup() {
  const view = motionPanel();
  document.body.replaceChildren(view.element);
  const q = (testid: string) =>
    view.element.querySelector<HTMLElement>(`[data-testid="${testid}"]`) as HTMLElement;
  /** A definition list as [term, detail] pairs. */
  const pairs = (testid: string) => {
    const list = q(testid);
    return [...list.querySelectorAll("dt")].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
  };
  return { view, q, pairs };
}

const painter = (area: string) => (area === "dynamic 1" ? "#e8453c" : null);

describe("the motion panel", () => {
  it("is hidden for a run without a check", () => {
    const { view } = setup();
    view.show(null, painter);
    expect(view.element.hidden).toBe(true);
  });

  it("says the motion is being measured in a polite live region that is there from the start", () => {
    const { view, q } = setup();
    const status = q("motion-status");
    expect(status.getAttribute("role")).toBe("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    view.show(MEASURING_CHECK, painter);
    expect(view.element.hidden).toBe(false);
    expect(view.element.dataset.state).toBe("measuring");
    expect(status.textContent).toBe("Measuring the motion…");
    view.show(DONE, painter);
    expect(q("motion-status")).toBe(status); // the same region: the change is announced
    expect(status.textContent).toBe("Motion score 82 / 100, good: followed the brush");
  });

  it("says why a check failed", () => {
    const { view, q } = setup();
    view.show(FAILED_CHECK, painter);
    expect(view.element.dataset.state).toBe("failed");
    expect(q("motion-status").textContent).toContain("the video could not be read");
    expect(view.element.querySelectorAll("dl")).toHaveLength(0);
  });

  it("lists the overall facts and each part as term and detail, under a heading", () => {
    const { view, q, pairs } = setup();
    view.show(DONE, painter);
    expect(view.element.dataset.score).toBe("82");
    expect(pairs("motion-summary")).toEqual([
      ["Measured against", "the brush"],
      ["Took", "1.2 s"],
    ]);
    const boat = q("motion-part-area-dynamic-1");
    expect(boat.dataset.score).toBe("82");
    expect(boat.dataset.word).toBe("good");
    const heading = boat.querySelector("h5");
    expect(boat.getAttribute("aria-labelledby")).toBe(heading?.id);
    expect(heading?.textContent).toBe("dynamic 1");
    const swatch = heading?.querySelector<HTMLElement>(".ks-motion-swatch");
    expect(swatch?.style.getPropertyValue("--ks-area-colour")).toBe("#e8453c");
    expect(pairs("motion-facts-area-dynamic-1").map(([term]) => term)).toEqual([
      "Score",
      "Distance",
      "Direction",
      "Progress",
    ]);
    expect(pairs("motion-facts-static")[0]).toEqual(["Stillness", "95 / 100, good"]);
    expect(pairs("motion-facts-camera")).toContainEqual(["Asked", "no move (it should stay put)"]);
  });

  it("marks a part's problem", () => {
    const { view, q } = setup();
    view.show(REVERSED, painter);
    expect(q("motion-part-area-dynamic-1").dataset.word).toBe("poor");
    const problem = q("motion-facts-area-dynamic-1").querySelector(".ks-motion-problem");
    expect(problem?.textContent).toBe("went the other way");
    expect(problem?.getAttribute("data-term")).toBe("Problem");
  });

  it("keeps its elements while the check and the colours stay the same", () => {
    const { view, q } = setup();
    view.show(DONE, painter);
    const part = q("motion-part-area-dynamic-1");
    view.show({ ...DONE }, painter);
    expect(q("motion-part-area-dynamic-1")).toBe(part);
    view.show(DONE, () => "#4285f4"); // the area's colour changed: the swatch follows
    const swatch = q("motion-part-area-dynamic-1").querySelector<HTMLElement>(".ks-motion-swatch");
    expect(swatch?.style.getPropertyValue("--ks-area-colour")).toBe("#4285f4");
  });
});
