// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Run, StudioToKernel } from "../generated/contract";
import { DONE, MEASURING_CHECK } from "../lib/motionfixtures";
import type { Model, Traits } from "./model";
import { player } from "./player";

function run(id: string, changes: Partial<Run> = {}): Run {
  return {
    prompt: `the prompt of ${id}`,
    finished_at: Date.now() / 1000,
    restorable: true,
    id,
    task_id: id,
    external_id: `ks-${id}`,
    resumed: false,
    path: `/work/out/${id}.mp4`,
    sidecar: `/work/out/${id}.json`,
    units: "2",
    seconds: 12,
    params: { model_name: "kling-v1", mode: "pro", duration: "10" },
    motion: null,
    ...changes,
  };
}

function setup(history: Run[]) {
  const traits: Partial<Traits> = { history };
  const model = {
    get: <K extends keyof Traits>(name: K) => traits[name] as Traits[K],
  } as unknown as Model;
  const sent: StudioToKernel[] = [];
  const failed: string[] = [];
  const view = player(
    model,
    (content) => {
      sent.push(content);
      return true;
    },
    (failedRun) => failed.push(failedRun),
  );
  document.body.replaceChildren(view.element);
  const render = (runs: Run[]) => {
    traits.history = runs;
    for (const update of view.updates) update.run();
  };
  render(history);
  const q = <E extends Element = HTMLElement>(testid: string) =>
    view.element.querySelector<E & HTMLElement>(`[data-testid="${testid}"]`);
  return { view, sent, failed, render, q };
}

describe("the history", () => {
  it("shows each run at a glance, newest first", () => {
    const long = "a very long prompt ".repeat(10).trim();
    const { q, view } = setup([run("a"), run("b", { prompt: long, units: "1" })]);
    const tiles = [...view.element.querySelectorAll("li")].map((li) => li.dataset.testid);
    expect(tiles).toEqual(["run-b", "run-a"]);
    expect(q("run-prompt-b")?.textContent).toMatch(/^a very long prompt .*…$/);
    expect(q("run-prompt-b")?.title).toBe(long);
    expect(q("run-settings-a")?.textContent).toMatch(/ · kling-v1 · pro · 10 s$/);
    expect(q("run-cost-b")?.textContent).toBe("1 unit · made in 12 s");
  });

  it("brings a run's settings back, and takes a run out of the list (saying its files stay)", () => {
    const { q, sent, render } = setup([run("a"), run("b", { restorable: false })]);
    expect(q("use-b")?.hidden).toBe(true); // a resumed run's settings were not kept
    q("use-a")?.click();
    const remove = q("remove-run-a");
    expect(remove?.getAttribute("aria-label")).toBe("Remove run a from the list");
    expect(remove?.title).toContain("stay on disk");
    remove?.click();
    expect(sent).toEqual([
      { type: "use-run", run: "a" },
      { type: "remove-run", run: "a" },
    ]);
    render([run("b", { restorable: false })]);
    expect(q("run-a")).toBeNull();
    expect(document.activeElement).toBe(q("play-b")); // the keyboard goes on from its neighbour
  });

  it("keeps a tile's elements through later updates", () => {
    const { q, render } = setup([run("a")]);
    const tile = q("run-a");
    render([run("a"), run("b")]);
    expect(q("run-a")).toBe(tile);
  });
});

describe("the video", () => {
  it("reports a server URL that does not load, once, and not a blob's failure", () => {
    const { view, failed, q } = setup([run("a")]);
    const video = q<HTMLVideoElement>("video") as HTMLVideoElement;
    view.show("a", "/files/out/a.mp4", "/work/out/a.mp4", true);
    expect(view.element.hidden).toBe(false);
    expect(q("download")?.getAttribute("download")).toBe("a.mp4");
    video.dispatchEvent(new Event("error"));
    video.dispatchEvent(new Event("error"));
    expect(failed).toEqual(["a"]);
    view.show("a", "blob:bytes", "/work/out/a.mp4", false);
    video.dispatchEvent(new Event("error"));
    expect(failed).toEqual(["a"]);
  });

  it("says why a video cannot be shown beside it", () => {
    const { view, q } = setup([]);
    view.refused({ field: "video", rule: "r", value: null, text: "the file is gone" });
    expect(q("video-error")?.textContent).toBe("the file is gone");
    expect(q("video")?.getAttribute("aria-describedby")).toBe(q("video-error")?.id);
  });
});

describe("the motion check", () => {
  const pressed = (button: HTMLElement | null) => button?.getAttribute("aria-pressed");

  it("shows the shown run's check under the video: measuring, then its scores", () => {
    const { view, q, render } = setup([run("a", { motion: null })]);
    view.show("a", "blob:a", "/work/out/a.mp4", false);
    expect(q("motion")?.hidden).toBe(true);
    expect(q("show-paths")?.hidden).toBe(true);
    render([run("a", { motion: MEASURING_CHECK })]);
    expect(q("motion")?.hidden).toBe(false);
    expect(q("motion-status")?.textContent).toBe("Measuring the motion…");
    expect(q("show-paths")?.hidden).toBe(true); // nothing to draw yet
    render([run("a", { motion: DONE })]);
    expect(q("motion")?.dataset.score).toBe("82");
    expect(q("motion-part-area-dynamic-1")).not.toBeNull();
    expect(q("show-paths")?.hidden).toBe(false);
  });

  it("draws the paths when Show paths is pressed, and keeps the choice from run to run", () => {
    const { view, q, render } = setup([]);
    render([
      run("a", { motion: DONE }),
      run("b", { motion: null }),
      run("c", { motion: { ...DONE, score: 40 } }),
    ]);
    view.show("a", "blob:a", "/work/out/a.mp4", false);
    const toggle = q("show-paths") as HTMLButtonElement;
    expect(toggle.tagName).toBe("BUTTON"); // Enter and Space press it
    expect(toggle.textContent).toBe("Show paths");
    expect(pressed(toggle)).toBe("false"); // off at first
    expect(q("motion-overlay")?.hidden).toBe(true);
    toggle.click();
    expect(pressed(toggle)).toBe("true");
    expect(q("motion-overlay")?.hidden).toBe(false);
    expect(q("paths-legend")?.hidden).toBe(false);
    expect(toggle.getAttribute("aria-describedby")).toBe(q("paths-legend")?.id);

    view.show("b", "blob:b", "/work/out/b.mp4", false); // no check: nothing to draw
    expect(toggle.hidden).toBe(true);
    expect(q("motion-overlay")?.hidden).toBe(true);
    view.show("c", "blob:c", "/work/out/c.mp4", false); // the paths come back on
    expect(toggle.hidden).toBe(false);
    expect(pressed(toggle)).toBe("true");
    expect(q("motion-overlay")?.hidden).toBe(false);
    expect(q("motion")?.dataset.score).toBe("40");
    toggle.click();
    expect(q("motion-overlay")?.hidden).toBe(true);
    view.destroy();
  });

  it("lays the overlay over the video, in the same frame", () => {
    const { q } = setup([]);
    expect(q("motion-overlay")?.parentElement).toBe(q("video")?.parentElement);
  });
});
