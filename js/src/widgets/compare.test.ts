// @vitest-environment happy-dom
// The widget as a whole, on a fake model: who is heard survives what the view does around it
// (cards sorted anew, videos arriving or replaced), and Export carries the heard cell's sound.
import { afterEach, describe, expect, it } from "vitest";
import type { Cell, CompareTraits, MotionCheck } from "../generated/contract";
import { DONE } from "../lib/motionfixtures";
import widget from "./compare";

type Handler = (...args: unknown[]) => void;

/** anywidget's model, as far as the widget uses it: traits, change events, custom messages. */
class FakeModel {
  private readonly handlers = new Map<string, Set<Handler>>();
  constructor(private readonly traits: CompareTraits) {}
  get<K extends keyof CompareTraits>(name: K): CompareTraits[K] {
    return this.traits[name];
  }
  on(events: string, callback: Handler): void {
    for (const event of events.split(" ")) {
      const set = this.handlers.get(event) ?? new Set();
      set.add(callback);
      this.handlers.set(event, set);
    }
  }
  off(events: string, callback: Handler): void {
    for (const event of events.split(" ")) this.handlers.get(event)?.delete(callback);
  }
  send(): void {}
  set<K extends keyof CompareTraits>(name: K, value: CompareTraits[K]): void {
    this.traits[name] = value;
    this.fire(`change:${name}`);
  }
  video(id: string, bytes: number[]): void {
    const data = new DataView(new Uint8Array(bytes).buffer);
    this.fire("msg:custom", { type: "media", slot: `video:${id}` }, [data]);
  }
  private fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}

const scored = (score: number): MotionCheck => ({ ...DONE, score });

function cell(column: number, sound: boolean, score: number): Cell {
  return {
    id: `r0c${column}`,
    row: 0,
    column,
    label: `cfg_scale 0.${column + 3}`,
    differs: {},
    status: "succeed",
    reason: "",
    elapsed: 10,
    units: "1",
    estimate: 1,
    task_id: `t${column}`,
    has_video: true,
    path: `/work/sweep/r0c${column}.mp4`,
    fps: 24,
    motion: scored(score),
    sound,
  };
}

const TRAITS = (): CompareTraits => ({
  axes: { rows: null, columns: { name: "cfg_scale", values: ["0.3", "0.4", "0.5"] } },
  // In score order the last cell comes first: sorting moves every card.
  cells: [cell(0, true, 40), cell(1, true, 60), cell(2, false, 90)],
  summary: {
    tasks: 3,
    units: 3,
    unsupported: 0,
    warnings: [],
    max_units: null,
    over_budget: false,
    phase: "done",
    provider: "the local emulator",
    emulated: true,
    folder: "/work/sweep",
  },
});

let destroy: (() => void) | null = null;
afterEach(() => {
  destroy?.();
  destroy = null;
  document.body.replaceChildren();
});

function mounted() {
  const model = new FakeModel(TRAITS());
  const el = document.createElement("div");
  document.body.append(el);
  const asked: unknown[] = [];
  const invoke = (_name: string, msg: unknown) => {
    asked.push(msg);
    const reply = { ok: true, path: "/work/sweep/grid.mp4", bytes: 9, notes: [] };
    return Promise.resolve([reply, []] as [unknown, unknown]);
  };
  destroy = widget.render({ model: model as never, el, experimental: { invoke } });
  const find = <E extends HTMLElement>(testid: string) => {
    const found = el.querySelector<E>(`[data-testid="${testid}"]`);
    if (found === null) throw new Error(`no ${testid}`);
    return found;
  };
  const muted = () =>
    ["r0c0", "r0c1", "r0c2"].map(
      (id) => el.querySelector<HTMLVideoElement>(`[data-testid="video-${id}"]`)?.muted ?? null,
    );
  const pressed = () =>
    ["r0c0", "r0c1"].map((id) => find(`hear-${id}`).getAttribute("aria-pressed"));
  return { model, el, asked, find, muted, pressed };
}

describe("Compare's sound", () => {
  it("offers Hear only on cells with sound, once their video is here", () => {
    const { model, find } = mounted();
    expect(find("hear-r0c0").hidden).toBe(true); // no video yet
    model.video("r0c0", [1]);
    model.video("r0c2", [3]);
    expect(find("hear-r0c0").hidden).toBe(false);
    expect(find("hear-r0c0").getAttribute("aria-label")).toBe("Hear cfg_scale 0.3");
    expect(find("hear-r0c2").hidden).toBe(true); // asked for no sound
  });

  it("hears one cell at a time, through sorting and videos that come later", () => {
    const { model, find, muted, pressed } = mounted();
    model.video("r0c0", [1]);
    model.video("r0c1", [2]);
    find("hear-r0c1").click();
    expect(muted()).toEqual([true, false, null]);
    expect(pressed()).toEqual(["false", "true"]);

    const sort = find<HTMLSelectElement>("sort-by");
    sort.value = "score";
    sort.dispatchEvent(new Event("change"));
    expect(find("ranked").textContent).toMatch(/0\.5.*0\.4.*0\.3/s); // the cards moved
    model.video("r0c2", [3]); // arrives later: muted
    model.video("r0c1", [4, 4]); // new bytes (a retry): the same video, still heard
    model.set(
      "cells",
      model.get("cells").map((each) => ({ ...each })),
    );
    expect(muted()).toEqual([true, false, true]);
    expect(pressed()).toEqual(["false", "true"]);

    find("hear-r0c0").click(); // another: the first goes quiet
    expect(muted()).toEqual([false, true, true]);
    expect(pressed()).toEqual(["true", "false"]);
    find("hear-r0c0").click(); // again: no cell heard
    expect(muted()).toEqual([true, true, true]);
    expect(pressed()).toEqual(["false", "false"]);
  });

  it("lets go of a cell whose sound the browser refused", () => {
    const { model, el, find, muted, pressed } = mounted();
    model.video("r0c0", [1]);
    model.video("r0c1", [2]);
    find("hear-r0c1").click();
    const video = el.querySelector<HTMLVideoElement>('[data-testid="video-r0c1"]');
    if (!video) throw new Error("no video");
    video.muted = true; // as followers.resume does when play() with sound is not allowed
    video.dispatchEvent(new Event("volumechange"));
    expect(pressed()).toEqual(["false", "false"]);
    expect(muted()).toEqual([true, true, null]);
    expect(find("export-sound").textContent).toBe(
      "Silent: press a cell's Hear to put its sound in.",
    );
  });

  it("exports with the heard cell's sound", async () => {
    const { model, find, asked } = mounted();
    model.video("r0c1", [2]);
    find("hear-r0c1").click();
    expect(find("export-sound").textContent).toBe("Sound from cfg_scale 0.4, the cell you hear.");
    find("export").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toContainEqual({ type: "export-grid", format: "mp4", audio: "r0c1" });
    expect(find("export-path").textContent).toBe("/work/sweep/grid.mp4");
  });

  it("drops a heard cell that no longer has sound", () => {
    const { model, find, muted } = mounted();
    model.video("r0c0", [1]);
    find("hear-r0c0").click();
    expect(muted()[0]).toBe(false);
    model.set("cells", [cell(0, false, 40), cell(1, true, 60), cell(2, false, 90)]);
    expect(muted()[0]).toBe(true);
    expect(find("hear-r0c0").hidden).toBe(true);
  });
});
