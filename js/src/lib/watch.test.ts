import { describe, expect, it } from "vitest";
import type { StudioTraits } from "../generated/contract";
import { changeEvents, type TraitName, watch } from "./watch";

/** Backbone's event API as anywidget models have it: space-separated event lists. */
class FakeModel {
  private readonly listeners = new Map<string, Set<() => void>>();
  get<K extends keyof StudioTraits>(_name: K): StudioTraits[K] {
    throw new Error("not read in these tests");
  }
  on(events: string, callback: () => void): void {
    for (const event of events.split(" ")) {
      const set = this.listeners.get(event) ?? new Set();
      set.add(callback);
      this.listeners.set(event, set);
    }
  }
  off(events: string, callback: () => void): void {
    for (const event of events.split(" ")) this.listeners.get(event)?.delete(callback);
  }
  trigger(event: string): void {
    for (const callback of this.listeners.get(event) ?? []) callback();
  }
  count(): number {
    return [...this.listeners.values()].reduce((total, set) => total + set.size, 0);
  }
}

describe("watch", () => {
  it("runs on a change of any trait it names, and of no other", () => {
    const model = new FakeModel();
    const seen: string[] = [];
    watch(model, ["status", "history"], () => seen.push("run"));
    model.trigger("change:status");
    model.trigger("change:history");
    model.trigger("change:params");
    model.trigger("msg:custom");
    expect(seen).toEqual(["run", "run"]);
  });

  it("stops, and only its own subscription, when the returned function is called", () => {
    const model = new FakeModel();
    let mine = 0;
    let other = 0;
    const stop = watch(model, ["status"], () => {
      mine += 1;
    });
    watch(model, ["status"], () => {
      other += 1;
    });
    stop();
    model.trigger("change:status");
    expect([mine, other]).toEqual([0, 1]);
    expect(model.count()).toBe(1);
  });

  it("subscribes to nothing for no names", () => {
    const model = new FakeModel();
    watch(model, [], () => undefined)();
    expect(model.count()).toBe(0);
  });

  it("takes the names the model's contract defines", () => {
    const names: TraitName<FakeModel>[] = ["status", "multi_order"];
    expect(changeEvents(names)).toBe("change:status change:multi_order");
    // @ts-expect-error: not a Studio trait
    watch(new FakeModel(), ["not-a-trait"], () => undefined);
  });
});
