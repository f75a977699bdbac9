// Every request parameter, inline. Which controls are usable, and why not, comes from the
// kernel's rule table (`controls` trait); problems are shown next to the fields they name.

import { AXES, type Axis, activeAxis, setAxis } from "../lib/camera";
import { applyControl, h, row } from "./dom";
import { type Model, type Problem, setParam } from "./model";

export interface ParamsForm {
  element: HTMLElement;
  update(): void;
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
    voice_list: "voices",
    watermark_info: "watermark",
    camera_control: "camera",
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
  const param = (name: string) => model.get("params")[name];
  const modelSelect = select("model_name", (v) => setParam(model, "model_name", v));
  const modeSelect = select("mode", (v) => setParam(model, "mode", v));
  const durationSelect = select("duration", (v) => setParam(model, "duration", v));
  const aspectSelect = select("aspect_ratio", (v) => setParam(model, "aspect_ratio", v));
  const cfg = h("input", { type: "range", min: 0, max: 1, step: 0.05, "data-testid": "cfg_scale" });
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
  sound.addEventListener("change", () => setParam(model, "sound", sound.checked));
  const voices = h("input", {
    type: "text",
    placeholder: "voice ids, comma-separated",
    "data-testid": "voices",
  });
  voices.addEventListener("change", () =>
    setParam(
      model,
      "voices",
      voices.value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  );
  const watermark = h("input", { type: "checkbox", "data-testid": "watermark" });
  watermark.addEventListener("change", () => setParam(model, "watermark", watermark.checked));
  const externalId = h("input", {
    type: "text",
    placeholder: "generated when empty",
    "data-testid": "external_task_id",
  });
  externalId.addEventListener("change", () =>
    setParam(model, "external_task_id", externalId.value),
  );

  const cameraType = select("camera-type", (v) => {
    setParam(
      model,
      "camera",
      v === "none" ? null : { type: v, config: v === "simple" ? {} : undefined },
    );
  });
  const sliders = new Map<Axis, HTMLInputElement>();
  const sliderBox = h("div", { class: "ks-camera-axes" });
  for (const axis of AXES) {
    const slider = h("input", {
      type: "range",
      min: -10,
      max: 10,
      step: 0.5,
      value: 0,
      "data-testid": `camera-${axis}`,
    });
    slider.addEventListener("input", () => {
      const camera = (param("camera") as { config?: Record<Axis, number> } | null) ?? {};
      const config = setAxis(fullConfig(camera.config), axis, Number(slider.value));
      setParam(model, "camera", { type: "simple", config });
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
    camera: row("Camera", h("span", { class: "ks-stack" }, cameraType, sliderBox), "camera"),
    sound: row("Sound", sound, "sound"),
    voices: row("Voices", voices, "voices"),
    watermark: row("Watermark", watermark, "watermark"),
    external_task_id: row("External id", externalId, "external_task_id"),
  };
  const element = h("section", { class: "ks-params" }, ...Object.values(rows));

  function showProblems(problems: Problem[]): void {
    for (const [name, rowElement] of Object.entries(rows)) {
      const mine = problems.filter((p) => rowForField(p.field) === name);
      const target = rowElement.querySelector<HTMLElement>(".ks-problem");
      if (target) target.textContent = mine.map((p) => p.text).join(" · ");
      rowElement.classList.toggle(
        "ks-has-problem",
        mine.some((p) => p.severity !== "warning"),
      );
    }
  }

  function update(): void {
    const catalogue = model.get("catalogue");
    const controls = model.get("controls");
    const multi = model.get("kind") === "multi-image2video";
    const names = multi ? catalogue.multi_image_models : catalogue.models.map((m) => m.name);
    const chosen = String(param("model_name") ?? catalogue.default_model);
    setOptions(modelSelect, names, chosen);
    setOptions(modeSelect, ["std", "pro"], String(param("mode") ?? "std"));
    const info = catalogue.models.find((m) => m.name === chosen);
    setOptions(
      durationSelect,
      multi ? ["5", "10"] : (info?.durations ?? ["5", "10"]),
      String(param("duration") ?? "5"),
    );
    setOptions(
      aspectSelect,
      catalogue.aspect_ratios ?? [],
      String(param("aspect_ratio") ?? "16:9"),
    );
    rows.aspect_ratio.hidden = !multi;
    const cfgScale = param("cfg_scale");
    cfgOn.checked = typeof cfgScale === "number";
    if (typeof cfgScale === "number") cfg.value = String(cfgScale);
    cfgValue.textContent = typeof cfgScale === "number" ? cfgScale.toFixed(2) : "default";
    syncText(prompt, String(param("prompt") ?? ""));
    syncText(negative, String(param("negative_prompt") ?? ""));
    promptCount.textContent = `${prompt.value.length} / ${catalogue.prompt_limit}`;
    promptCount.classList.toggle("ks-over", prompt.value.length > catalogue.prompt_limit);
    negativeCount.textContent = `${negative.value.length} / ${catalogue.negative_prompt_limit}`;
    negativeCount.classList.toggle(
      "ks-over",
      negative.value.length > catalogue.negative_prompt_limit,
    );
    sound.checked = Boolean(param("sound"));
    watermark.checked = Boolean(param("watermark"));
    if (document.activeElement !== externalId)
      externalId.value = String(param("external_task_id") ?? "");
    updateCamera(param("camera") as { type?: string; config?: Record<Axis, number> } | null);
    for (const [name, rowElement] of Object.entries(rows)) {
      const control =
        controls[name === "camera" ? "camera_control" : name === "voices" ? "voice_list" : name];
      applyControl(rowElement, control?.enabled ?? true, control?.reason ?? "");
    }
    rows.camera.hidden = multi;
    showProblems(model.get("problems"));
  }

  function updateCamera(camera: { type?: string; config?: Record<Axis, number> } | null): void {
    const types = ["none", ...(model.get("catalogue").camera_types ?? [])];
    setOptions(cameraType, types, camera?.type ?? "none");
    sliderBox.hidden = camera?.type !== "simple";
    const config = fullConfig(camera?.config);
    const active = activeAxis(config);
    for (const [axis, slider] of sliders) {
      slider.value = String(config[axis]);
      const out = sliderBox.querySelector<HTMLOutputElement>(`output[data-axis="${axis}"]`);
      if (out) out.textContent = axis === active ? String(config[axis]) : "0";
    }
  }

  return { element, update };
}

function fullConfig(config: Partial<Record<Axis, number>> | undefined): Record<Axis, number> {
  return Object.fromEntries(AXES.map((axis) => [axis, Number(config?.[axis] ?? 0)])) as Record<
    Axis,
    number
  >;
}

/** Keeps a text box in step with the trait without moving the caret while the user types. */
function syncText(element: HTMLTextAreaElement, value: string): void {
  if (document.activeElement !== element && element.value !== value) element.value = value;
}
