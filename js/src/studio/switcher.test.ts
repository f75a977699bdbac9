// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Model, Traits } from "./model";
import { switcher } from "./switcher";

function model(traits: Partial<Traits>): Model & { traits: Partial<Traits> } {
  const state = { traits };
  return Object.assign(state, {
    get: <K extends keyof Traits>(name: K) => state.traits[name] as Traits[K],
    set: () => {},
    save_changes: () => {},
    on: () => {},
    off: () => {},
    send: () => {},
  });
}

function studio(kind: Traits["kind"] = "image2video") {
  const traits = model({ kind });
  const view = switcher(traits, document.createElement("section"), document.createElement("div"));
  const render = () => {
    for (const update of view.updates) update.run();
  };
  render();
  const button = (name: string) =>
    view.element.querySelector(`[data-testid="show-${name}"]`) as HTMLButtonElement;
  const note = () => view.element.querySelector('[data-testid="new-video"]')?.textContent;
  return { traits, view, render, button, note };
}

describe("Paint or Video", () => {
  it("shows the painter, with no choice offered, until there is a video", () => {
    const { view } = studio();
    expect(view.showing()).toBe("paint");
    expect(view.element.hidden).toBe(true);
    expect(view.stage.dataset.view).toBe("paint");
  });

  it("shows the video of a run started here in the painter's place", () => {
    const { view, button } = studio();
    view.expectVideo();
    view.videoArrived();
    expect(view.showing()).toBe("video");
    expect(view.stage.dataset.view).toBe("video");
    expect(view.element.hidden).toBe(false);
    expect(button("video").getAttribute("aria-pressed")).toBe("true");
    expect(button("paint").getAttribute("aria-pressed")).toBe("false");
  });

  it("keeps the painter for a video from elsewhere, and announces a later one", () => {
    const { view, note } = studio();
    view.videoArrived(); // the last run, sent again when the view renders
    expect(view.showing()).toBe("paint");
    expect(note()).toBe("");
    view.videoArrived(); // a run started in Python
    expect(view.showing()).toBe("paint");
    expect(note()).toBe("A new video is ready");
  });

  it("goes back to the painter on a click or a new start frame", () => {
    const { view, button, note } = studio();
    view.expectVideo();
    view.videoArrived();
    button("paint").click();
    expect(view.showing()).toBe("paint");
    button("video").click();
    expect(view.showing()).toBe("video");
    expect(note()).toBe("");
    view.pictureArrived();
    expect(view.showing()).toBe("paint");
  });

  it("has only the video to show for several images (no painter)", () => {
    const { view, traits, render } = studio();
    view.videoArrived();
    traits.traits.kind = "multi-image2video";
    render();
    expect(view.showing()).toBe("video");
    expect(view.element.hidden).toBe(true);
  });
});
