// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Controls, Params, Problem } from "./model";
import { paramsForm } from "./params";
import { mount } from "./testing";

const OFF_CAMERA: Controls = {
  camera_control: { enabled: false, reason: "not on kling-v1; it is on kling-v1-5 pro 5 s" },
};
const KEPT_CAMERA: Problem = {
  field: "camera_control",
  rule: "the camera move: kept, not sent with kling-v1 pro 5 s — it is on kling-v1-5 pro 5 s",
  value: null,
  severity: "warning",
  text: "Camera: the camera move: kept, not sent with kling-v1 pro 5 s — it is on …",
  brief: "kept, not sent with kling-v1 pro 5 s",
};

/** The form on a fake model (testing.ts), as the kernel would set it up. */
function studio(params: Params, controls: Controls = {}, problems: Problem[] = []) {
  return mount(paramsForm, { params, controls, problems });
}

function slide(input: HTMLInputElement, value: number): void {
  input.value = String(value);
  input.dispatchEvent(new Event("input"));
}

function options(select: HTMLSelectElement): string[] {
  return [...select.options].map((o) => o.value);
}

describe("the camera", () => {
  it("offers the presets the model's catalogue entry lists, and no more", () => {
    const form = studio({ model_name: "kling-v1-5", mode: "pro" });
    expect(options(form.get("camera-type"))).toEqual(["none", "simple"]);
    form.change({ params: { model_name: "kling-v1" } });
    expect(options(form.get("camera-type"))).toEqual(["none"]);
  });

  it("says so when moving a second axis resets the first", () => {
    const form = studio({
      model_name: "kling-v1-5",
      camera_control: { type: "simple", config: { zoom: 6 } },
    });
    const rule = form.get("camera-rule");
    expect(rule.textContent).toBe("");
    slide(form.get("camera-pan"), 2);
    expect(form.traits.params?.camera_control?.config).toMatchObject({ zoom: 0, pan: 2 });
    expect(rule.textContent).toBe("one axis at a time: zoom was reset");
    expect((form.get("camera-zoom") as HTMLInputElement).value).toBe("0");
    slide(form.get("camera-pan"), 3); // the same drag goes on: the rule stays said
    expect(rule.textContent).toBe("one axis at a time: zoom was reset");
    slide(form.get("camera-pan"), 0);
    expect(rule.textContent).toBe("");
    slide(form.get("camera-zoom"), 4);
    expect(rule.textContent).toBe("");
    slide(form.get("camera-pan"), 1);
    expect(rule.textContent).toBe("one axis at a time: zoom was reset");
    const params = form.traits.params ?? {};
    form.change({ params: { ...params, model_name: "kling-v1" } }); // said of another model
    expect(rule.textContent).toBe("");
  });

  it("keeps a move the model cannot use visible, with the note and a way to clear it", () => {
    const camera = { type: "simple", config: { zoom: 6 } };
    const form = studio({ model_name: "kling-v1", camera_control: camera }, OFF_CAMERA, [
      KEPT_CAMERA,
    ]);
    expect((form.get("camera-type") as HTMLSelectElement).value).toBe("simple");
    expect((form.get("camera-type") as HTMLSelectElement).disabled).toBe(true);
    expect((form.get("camera-zoom") as HTMLInputElement).value).toBe("6");
    expect((form.get("camera-zoom") as HTMLInputElement).disabled).toBe(true);
    expect(form.get("reason-camera_control").textContent).toBe(
      "not on kling-v1; it is on kling-v1-5 pro 5 s",
    );
    expect(form.get("kept-camera_control").textContent).toBe(
      "kept, not sent with kling-v1 pro 5 s",
    );
    expect(form.get("problem-camera_control").textContent).toBe(""); // a note, not an error
    const clear = form.get<HTMLButtonElement>("camera-clear");
    expect(clear.disabled).toBe(false);
    clear.click();
    expect(form.traits.params?.camera_control).toBeNull();
    expect(clear.disabled).toBe(true); // nothing left to clear
  });
});

describe("views placed among the rows", () => {
  it("puts the camera move in words right under the camera's row, outside it", () => {
    const words = document.createElement("div");
    const form = mount((model) => paramsForm(model, { underCamera: words }), {
      params: { model_name: "kling-v1" },
      controls: OFF_CAMERA,
    });
    expect(words.previousElementSibling).toBe(form.get("row-camera_control"));
    expect(form.get("row-camera_control").contains(words)).toBe(false);
  });
});

describe("cfg_scale", () => {
  it("rests at Kling's default and is sent only once ticked or moved", () => {
    const form = studio({ model_name: "kling-v1" });
    const slider = form.get<HTMLInputElement>("cfg_scale");
    expect(slider.value).toBe("0.5");
    expect(form.get("cfg_scale-value").textContent).toBe("Kling's default (0.5)");
    expect(form.traits.params).not.toHaveProperty("cfg_scale");
    slide(slider, 0.8);
    expect(form.traits.params?.cfg_scale).toBe(0.8);
    const tick = form.get<HTMLInputElement>("cfg_scale-on");
    expect(tick.checked).toBe(true);
    tick.checked = false;
    tick.dispatchEvent(new Event("change"));
    expect(form.traits.params?.cfg_scale).toBeNull();
    expect(slider.value).toBe("0.5"); // back at rest
  });

  it("can be unticked on a model that does not take it", () => {
    const off = { cfg_scale: { enabled: false, reason: "kling-v2-1 does not take cfg_scale" } };
    const form = studio({ model_name: "kling-v2-1", cfg_scale: 0.7 }, off);
    expect(form.get<HTMLInputElement>("cfg_scale").disabled).toBe(true);
    expect(form.get<HTMLInputElement>("cfg_scale-on").disabled).toBe(false);
    form.change({ params: { model_name: "kling-v2-1", cfg_scale: null } });
    expect(form.get<HTMLInputElement>("cfg_scale-on").disabled).toBe(true);
  });
});

describe("the model and its choices", () => {
  it("never shows a blank model, mode or duration", () => {
    const form = studio({ model_name: "", mode: "", duration: "15" });
    expect(form.get<HTMLSelectElement>("model_name").value).toBe("kling-v1");
    expect(form.get<HTMLSelectElement>("mode").value).toBe("std");
    expect(form.get<HTMLSelectElement>("duration").value).toBe("15"); // kept, a problem says why
  });

  it("shows the multi-image model the kernel sets", () => {
    const form = studio({ model_name: "kling-v1-6" });
    form.change({ kind: "multi-image2video" });
    const select = form.get<HTMLSelectElement>("model_name");
    expect(options(select)).toEqual(["kling-v1-6"]);
    expect(select.value).toBe("kling-v1-6");
  });
});
