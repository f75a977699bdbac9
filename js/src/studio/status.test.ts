// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Model, Status, Traits } from "./model";
import { clockText, etaText, HEADINGS, statusPanel, timesText } from "./status";

function model(status: Status): Model & { traits: Partial<Traits> } {
  const state = { traits: { status, emulated: true, provider: "the local emulator" } };
  return Object.assign(state, {
    get: <K extends keyof Traits>(name: K) => (state.traits as Partial<Traits>)[name] as Traits[K],
    set: () => {},
    save_changes: () => {},
    on: () => {},
    off: () => {},
    send: () => {},
  });
}

function panel(status: Status, said = "") {
  const studio = model(status);
  const view = statusPanel(
    studio,
    () => "alive",
    () => said,
    () => {},
  );
  const run = () => {
    for (const update of view.updates) update.run();
  };
  run();
  const text = (id: string) =>
    (view.element.querySelector(`[data-testid="${id}"]`) as HTMLElement).textContent;
  return { studio, run, text };
}

describe("the status heading", () => {
  it("says where the work is, not one word for every phase", () => {
    const headings = Object.values(HEADINGS);
    expect(new Set(headings).size).toBe(headings.length);
    expect(HEADINGS.submitted).toBe("Queued at Kling");
    expect(HEADINGS.processing).toBe("Making the video");
    expect(panel({ phase: "stopped" }).text("status-phase")).toBe("Stopped waiting");
    expect(panel({ phase: "downloading" }).text("status-phase")).toBe("Saving");
  });
});

describe("an error in the status", () => {
  const failed: Status = {
    phase: "error",
    message: "Kling refused the request",
    advice: "check the picture and try again",
    details: "code 1301 · HTTP 400 · request id abc-123",
  };

  it("shows the headline plainly, the advice once and the codes on their own line", () => {
    const { text } = panel(failed);
    expect(text("status-message")).toBe("Kling refused the request");
    expect(text("status-advice")).toBe("What to do: check the picture and try again");
    expect(text("status-details")).toBe("code 1301 · HTTP 400 · request id abc-123");
  });

  it("says nothing Generate's refusal already said in full", () => {
    // The refusal is the same error in one text (api/errors.py): headline, codes, advice.
    const refusal =
      "Kling refused the request (code 1301, HTTP 400, request_id abc-123) — check the picture " +
      "and try again";
    const { text } = panel(failed, refusal);
    expect(text("status-message")).toBe("");
    expect(text("status-advice")).toBe("");
    expect(text("status-details")).toBe("");
  });

  it("says it all when the refusal under Generate is about something else", () => {
    const { text } = panel(failed, "image: must be a picture file");
    expect(text("status-message")).toBe("Kling refused the request");
    expect(text("status-details")).toBe("code 1301 · HTTP 400 · request id abc-123");
  });
});

describe("the emulator's speed", () => {
  it("is said once when the service runs faster than Kling", () => {
    expect(clockText(100)).toBe(
      "the emulator runs 100× faster than Kling; times here are real seconds",
    );
    expect(clockText(2.5)).toContain("2.5× faster");
    expect(clockText(1)).toBe("");
    expect(clockText(undefined)).toBe("");
  });

  it("shows in the panel only while the status carries a speed above one", () => {
    const { studio, run, text } = panel({ phase: "processing", elapsed: 3, clock_speed: 100 });
    expect(text("status-clock")).toContain("100× faster than Kling");
    studio.traits.status = { phase: "processing", elapsed: 3, clock_speed: 1 };
    run();
    expect(text("status-clock")).toBe("");
  });
});

describe("the time left", () => {
  it("counts down, and says when the usual time has passed instead of 'about 0 s left'", () => {
    const status: Status = { phase: "processing", elapsed: 40, processing_for: 30, eta: 12 };
    expect(timesText(status)).toContain("about 12 s left");
    expect(etaText(0.4)).toBe("longer than usual: any moment now");
    expect(timesText({ ...status, eta: 0 })).not.toContain("0 s left");
  });
});
