// Every request parameter, inline, under the request's own field names. Which controls are
// usable, and why not, comes from the kernel's rule table (`controls` trait); the choices and
// limits (models, modes, durations, camera axes and range) from its catalogue; problems are
// shown next to the fields they name. Three updates, each subscribed to the traits it reads.

import { activeAxis, fullConfig, setAxis, stillCamera } from "../lib/camera";
import { cameraRange, chosen, durationsFor, modelNames, modesFor } from "../lib/catalogue";
import { applyControl, h, row, setHidden, setText } from "./dom";
import {
  type CameraControl,
  type Controls,
  type Model,
  type Params,
  type Problem,
  setParam,
  type Updates,
} from "./model";

export interface ParamsForm {
  element: HTMLElement;
  updates: Updates;
}

/** Which form row shows a problem about a request field. */
export function rowForField(field: string): string {
  const root = field.split(/[.[]/)[0] ?? field;
  const aliases: Record<string, string> = {
    static_mask: "motion_brush",
    dynamic_masks: "motion_brush",
    image: "pictures",
    image_tail: "pictures",
    image_list: "pictures",
  };
  return aliases[root] ?? root;
}

function select(testid: string, onChange: (value: string) => void): HTMLSelectElement {
  const element = h("select", { "data-testid": testid });
  element.addEventListener("change", () => onChange(element.value));
  return element;
}

function setOptions(element: HTMLSelectElement, values: string[], current: string): void {
  const same =
    element.options.length === values.length &&
    values.every((v, i) => element.options[i]?.value === v);
  if (!same) element.replaceChildren(...values.map((v) => h("option", { value: v }, v)));
  element.value = current;
}

export function paramsForm(model: Model): ParamsForm {
  const param = <K extends keyof Params>(name: K): Params[K] => model.get("params")[name];
  const modelSelect = select("model_name", (v) => setParam(model, "model_name", v));
  const modeSelect = select("mode", (v) => setParam(model, "mode", v));
  const durationSelect = select("duration", (v) => setParam(model, "duration", v));
  const aspectSelect = select("aspect_ratio", (v) => setParam(model, "aspect_ratio", v));
  // The kernel sets the catalogue once, before any view renders.
  const catalogue = model.get("catalogue");
  const cfg = h("input", {
    type: "range",
    min: catalogue.cfg_scale_min,
    max: catalogue.cfg_scale_max,
    step: 0.05,
    "data-testid": "cfg_scale",
  });
  const cfgValue = h("output", { class: "ks-value" });
  const cfgOn = h("input", { type: "checkbox", "data-testid": "cfg_scale-on" });
  cfg.addEventListener("input", () => setParam(model, "cfg_scale", Number(cfg.value)));
  cfgOn.addEventListener("change", () =>
    setParam(model, "cfg_scale", cfgOn.checked ? Number(cfg.value) : null),
  );

  const prompt = h("textarea", {
    rows: 3,
    "data-testid": "prompt",
    placeholder: "what should happen",
  });
  const promptCount = h("span", { class: "ks-count", "data-testid": "prompt-count" });
  const negative = h("textarea", {
    rows: 2,
    "data-testid": "negative_prompt",
    placeholder: "what to avoid",
  });
  const negativeCount = h("span", { class: "ks-count", "data-testid": "negative_prompt-count" });
  prompt.addEventListener("input", () => setParam(model, "prompt", prompt.value));
  negative.addEventListener("input", () => setParam(model, "negative_prompt", negative.value));

  const sound = h("input", { type: "checkbox", "data-testid": "sound" });
  sound.addEventListener("change", () => setParam(model, "sound", sound.checked ? "on" : null));
  const voices = h("input", {
    type: "text",
    placeholder: "voice ids, comma-separated",
    "data-testid": "voices",
  });
  voices.addEventListener("change", () =>
    setParam(
      model,
      "voice_list",
      voices.value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
        .map((voice_id) => ({ voice_id })),
    ),
  );
  const watermark = h("input", { type: "checkbox", "data-testid": "watermark" });
  watermark.addEventListener("change", () =>
    setParam(model, "watermark_info", watermark.checked ? { enabled: true } : null),
  );
  const externalId = h("input", {
    type: "text",
    placeholder: "generated when empty",
    "data-testid": "external_task_id",
  });
  externalId.addEventListener("change", () =>
    setParam(model, "external_task_id", externalId.value),
  );

  const axes = catalogue.camera_axes;
  const cameraType = select("camera-type", (v) => {
    const camera: CameraControl | null =
      v === "none" ? null : v === "simple" ? { type: v, config: stillCamera(axes) } : { type: v };
    setParam(model, "camera_control", camera);
  });
  const sliders = new Map<string, HTMLInputElement>();
  const sliderBox = h("div", { class: "ks-camera-axes" });
  const { min, max } = cameraRange(catalogue);
  for (const axis of axes) {
    const slider = h("input", {
      type: "range",
      min,
      max,
      step: 0.5,
      value: 0,
      "data-testid": `camera-${axis}`,
    });
    slider.addEventListener("input", () => {
      setParam(model, "camera_control", {
        type: "simple",
        config: setAxis(axes, axis, Number(slider.value)),
      });
    });
    sliders.set(axis, slider);
    sliderBox.append(
      h(
        "label",
        { class: "ks-axis" },
        h("span", {}, axis),
        slider,
        h("output", { "data-axis": axis }),
      ),
    );
  }

  const rows = {
    model_name: row("Model", modelSelect, "model_name"),
    mode: row("Mode", modeSelect, "mode"),
    duration: row("Duration (s)", durationSelect, "duration"),
    aspect_ratio: row("Aspect ratio", aspectSelect, "aspect_ratio"),
    cfg_scale: row(
      "cfg_scale",
      h("span", { class: "ks-inline" }, cfgOn, cfg, cfgValue),
      "cfg_scale",
    ),
    prompt: row("Prompt", h("span", { class: "ks-stack" }, prompt, promptCount), "prompt"),
    negative_prompt: row(
      "Negative prompt",
      h("span", { class: "ks-stack" }, negative, negativeCount),
      "negative_prompt",
    ),
    camera_control: row(
      "Camera",
      h("span", { class: "ks-stack" }, cameraType, sliderBox),
      "camera_control",
    ),
    sound: row("Sound", sound, "sound"),
    voice_list: row("Voices", voices, "voice_list"),
    watermark_info: row("Watermark", watermark, "watermark_info"),
    external_task_id: row("External id", externalId, "external_task_id"),
  };
  const element = h("section", { class: "ks-params" }, ...Object.values(rows));

  function showProblems(): void {
    const problems: Problem[] = model.get("problems");
    for (const [name, rowElement] of Object.entries(rows)) {
      const mine = problems.filter((p) => rowForField(p.field) === name);
      const target = rowElement.querySelector<HTMLElement>(".ks-problem");
      if (target) setText(target, mine.map((p) => p.text).join(" · "));
      rowElement.classList.toggle(
        "ks-has-problem",
        mine.some((p) => p.severity !== "warning"),
      );
    }
  }

  /** The values, and the choices the chosen model offers. */
  function showValues(): void {
    const multi = model.get("kind") === "multi-image2video";
    const name = param("model_name") ?? catalogue.default_model;
    setOptions(modelSelect, modelNames(catalogue, multi, name), name);
    const modes = modesFor(catalogue, name);
    setOptions(modeSelect, modes, chosen(param("mode"), modes));
    const durations = durationsFor(catalogue, name);
    setOptions(durationSelect, durations, chosen(param("duration"), durations));
    setOptions(
      aspectSelect,
      catalogue.aspect_ratios,
      param("aspect_ratio") ?? catalogue.default_aspect_ratio,
    );
    const cfgScale = param("cfg_scale");
    cfgOn.checked = typeof cfgScale === "number";
    if (typeof cfgScale === "number") cfg.value = String(cfgScale);
    setText(cfgValue, typeof cfgScale === "number" ? cfgScale.toFixed(2) : "default");
    syncText(prompt, String(param("prompt") ?? ""));
    syncText(negative, String(param("negative_prompt") ?? ""));
    setText(promptCount, `${prompt.value.length} / ${catalogue.prompt_limit}`);
    promptCount.classList.toggle("ks-over", prompt.value.length > catalogue.prompt_limit);
    setText(negativeCount, `${negative.value.length} / ${catalogue.negative_prompt_limit}`);
    negativeCount.classList.toggle(
      "ks-over",
      negative.value.length > catalogue.negative_prompt_limit,
    );
    sound.checked = param("sound") === "on";
    watermark.checked = param("watermark_info")?.enabled === true;
    if (document.activeElement !== externalId)
      externalId.value = String(param("external_task_id") ?? "");
    updateCamera(param("camera_control") ?? null);
  }

  /** Which rows the request kind has, and which of them the rule table lets be used. */
  function showControls(): void {
    const controls = model.get("controls");
    const multi = model.get("kind") === "multi-image2video";
    for (const [field, rowElement] of Object.entries(rows)) {
      const control = controls[field as keyof Controls];
      applyControl(rowElement, control?.enabled ?? true, control?.reason ?? "");
    }
    setHidden(rows.aspect_ratio, !multi);
    setHidden(rows.camera_control, multi);
  }

  function updateCamera(camera: CameraControl | null): void {
    setOptions(cameraType, ["none", ...catalogue.camera_types], camera?.type ?? "none");
    setHidden(sliderBox, camera?.type !== "simple");
    const config = fullConfig(axes, camera?.config);
    const active = activeAxis(axes, config);
    for (const [axis, slider] of sliders) {
      slider.value = String(config[axis]);
      const out = sliderBox.querySelector<HTMLOutputElement>(`output[data-axis="${axis}"]`);
      if (out) setText(out, axis === active ? String(config[axis]) : "0");
    }
  }

  return {
    element,
    updates: [
      { reads: ["params", "kind"], run: showValues },
      { reads: ["controls", "kind"], run: showControls },
      { reads: ["problems"], run: showProblems },
    ],
  };
}

/** Keeps a text box in step with the trait without moving the caret while the user types. */
function syncText(element: HTMLTextAreaElement, value: string): void {
  if (document.activeElement !== element && element.value !== value) element.value = value;
}
