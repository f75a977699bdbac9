// Every request parameter, inline, under the request's own field names. Which controls are
// usable, and why not, comes from the kernel's rule table (`controls` trait); the choices and
// limits (models, modes, durations, camera types, axes and range) from its catalogue; problems are
// shown next to the fields they name. What the chosen model cannot use is kept, not sent: its
// value stays visible with the kernel's note, and the control that undoes it stays usable (no
// dead end). What the provider's documentation leaves out is marked (durations) or noted beside
// the control (fields sent as they are). The shots (shots.ts), voices and elements (voices.ts)
// are views of their own, placed here in their rows; the camera move in words (carry.ts), a view
// of the widget's, goes right under the camera's row. Each update subscribes to what it reads.

import {
  activeAxis,
  cameraChoices,
  cameraTypesFor,
  fullConfig,
  moveAxis,
  oneAxisText,
  stillCamera,
} from "../lib/camera";
import { cameraRange, durationsFor, modelNames, modesFor } from "../lib/catalogue";
import { shown, withCurrent } from "../lib/choices";
import { durationLabel } from "../lib/documented";
import { keptNote } from "../lib/kept";
import { shotOfField, withDuration } from "../lib/shots";
import { group, h, row, setDisabled, setHidden, setText, syncText } from "./dom";
import {
  type CameraControl,
  type Controls,
  type Model,
  type Params,
  type Problem,
  setParam,
  setParams,
  type Updates,
} from "./model";
import { PromptCursor } from "./prompts";
import { shotsEditor, shotsReplacePrompt, showsShots } from "./shots";
import { elementRows, showsElements, voiceRows } from "./voices";

export interface ParamsForm {
  element: HTMLElement;
  updates: Updates;
}

/** Views of the widget's placed among the rows. */
export interface ParamsPlaces {
  /** Right under the camera's row, outside it: the camera's controls are off where the model
   * cannot take a move, and these words are for exactly that model. */
  underCamera?: HTMLElement;
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
    shot_type: "multi_shot",
    multi_prompt: "multi_shot",
  };
  return aliases[root] ?? root;
}

function select(testid: string, onChange: (value: string) => void): HTMLSelectElement {
  const element = h("select", { "data-testid": testid });
  element.addEventListener("change", () => onChange(element.value));
  return element;
}

type Input = HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** What undoes a setting the model may not take: usable while the setting is set, so a kept value
 * can always be taken out. `alone` controls are usable only then (there is nothing to clear). */
interface WayOut {
  control: Input;
  isSet: (params: Params) => boolean;
  alone?: boolean;
}

/** The choices a menu offers, each shown as `label(value)`; rebuilt only when they change. */
function setOptions(
  element: HTMLSelectElement,
  values: string[],
  current: string,
  label: (value: string) => string = (value) => value,
): void {
  const same =
    element.options.length === values.length &&
    values.every(
      (v, i) => element.options[i]?.value === v && element.options[i]?.text === label(v),
    );
  if (!same) element.replaceChildren(...values.map((v) => h("option", { value: v }, label(v))));
  element.value = current;
}

/** Rows whose views enable their own controls (each keeps its own way out). */
const SELF_MANAGED = new Set(["multi_shot", "voice_list", "element_list"]);

export function paramsForm(model: Model, places: ParamsPlaces = {}): ParamsForm {
  const param = <K extends keyof Params>(name: K): Params[K] => model.get("params")[name];
  // The kernel sets the catalogue once, before any view renders.
  const catalogue = model.get("catalogue");
  const prompts = new PromptCursor();
  const modelSelect = select("model_name", (v) => setParam(model, "model_name", v));
  const modeSelect = select("mode", (v) => setParam(model, "mode", v));
  // A new duration rescales the shots with it (lib/shots.ts), in the same change.
  const durationSelect = select("duration", (v) =>
    setParams(
      model,
      withDuration(model.get("params").multi_prompt ?? [], v, catalogue.min_shot_seconds),
    ),
  );
  const aspectSelect = select("aspect_ratio", (v) => setParam(model, "aspect_ratio", v));
  // The slider rests at Kling's own default; cfg_scale is sent only once it is ticked or moved.
  const cfg = h("input", {
    type: "range",
    min: catalogue.cfg_scale_min,
    max: catalogue.cfg_scale_max,
    step: 0.05,
    value: catalogue.cfg_scale_default,
    "aria-label": "cfg_scale",
    "data-testid": "cfg_scale",
  });
  const cfgValue = h("output", { class: "ks-value", "data-testid": "cfg_scale-value" });
  const cfgOn = h("input", {
    type: "checkbox",
    "aria-label": "Send cfg_scale (otherwise Kling uses its default)",
    title: "Send cfg_scale (otherwise Kling uses its default)",
    "data-testid": "cfg_scale-on",
  });
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
  prompts.add({
    element: prompt,
    name: () => "the prompt",
    // While the shots' prompts replace it, a token goes into a shot's (when there is one).
    usable: () => !shotsReplacePrompt(model) || (param("multi_prompt") ?? []).length === 0,
    rank: () => 0,
    write: (text) => setParam(model, "prompt", text),
  });
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
  const voices = voiceRows(model, prompts);
  const elements = elementRows(model);
  const shots = shotsEditor(model, prompts);
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
  /** The last slider move that reset another axis: said while that axis is the one moving, on
   * the model it was moved with. */
  let axisRule: { moved: string; reset: string; model: string } | null = null;
  const cameraType = select("camera-type", (v) => {
    const camera: CameraControl | null =
      v === "none" ? null : v === "simple" ? { type: v, config: stillCamera(axes) } : { type: v };
    setParam(model, "camera_control", camera);
  });
  const clearCamera = h(
    "button",
    { type: "button", class: "ks-button", "data-testid": "camera-clear" },
    "Clear camera",
  );
  clearCamera.addEventListener("click", () => setParam(model, "camera_control", null));
  const cameraRule = h("span", {
    class: "ks-camera-rule",
    role: "status",
    "data-testid": "camera-rule",
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
      const current = fullConfig(axes, param("camera_control")?.config);
      const { config, reset } = moveAxis(axes, current, axis, Number(slider.value));
      const name = param("model_name") || catalogue.default_model;
      if (reset !== null) axisRule = { moved: axis, reset, model: name };
      setParam(model, "camera_control", { type: "simple", config });
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
    duration: row("Duration", durationSelect, "duration"),
    aspect_ratio: row("Aspect ratio", aspectSelect, "aspect_ratio"),
    cfg_scale: row(
      "cfg_scale",
      h("span", { class: "ks-inline" }, cfgOn, cfg, cfgValue),
      "cfg_scale",
    ),
    prompt: row(
      "Prompt",
      h(
        "span",
        { class: "ks-stack" },
        prompt,
        h("span", { class: "ks-inline ks-under" }, promptCount),
      ),
      "prompt",
    ),
    negative_prompt: row(
      "Negative prompt",
      h("span", { class: "ks-stack" }, negative, negativeCount),
      "negative_prompt",
    ),
    multi_shot: group("Shots", shots.head, "multi_shot"),
    camera_control: row(
      "Camera",
      h(
        "span",
        { class: "ks-stack" },
        h("span", { class: "ks-inline" }, cameraType, clearCamera),
        sliderBox,
        cameraRule,
      ),
      "camera_control",
    ),
    sound: row("Sound", sound, "sound"),
    voice_list: group("Voices", voices.element, "voice_list"),
    element_list: group("Elements", elements.element, "element_list"),
    watermark_info: row("Watermark", watermark, "watermark_info"),
    external_task_id: row("External id", externalId, "external_task_id"),
  };
  /** Each row's notes, beside its value: what is kept and not sent, and what is sent though
   * the provider does not document it (the kernel's warnings). */
  const keptNotes = new Map<string, HTMLElement>();
  for (const [name, rowElement] of Object.entries(rows)) {
    const note = h("span", { class: "ks-kept", "data-testid": `kept-${name}` });
    rowElement.append(note);
    keptNotes.set(name, note);
  }
  rows.multi_shot.append(shots.body);
  const waysOut: Partial<Record<keyof typeof rows, WayOut>> = {
    camera_control: {
      control: clearCamera,
      isSet: (p) => Boolean(p.camera_control),
      alone: true,
    },
    cfg_scale: { control: cfgOn, isSet: (p) => typeof p.cfg_scale === "number" },
    sound: { control: sound, isSet: (p) => p.sound === "on" },
  };
  const element = h("section", { class: "ks-params" }, ...Object.values(rows));
  if (places.underCamera) rows.camera_control.after(places.underCamera);

  function showProblems(): void {
    const problems: Problem[] = model.get("problems");
    for (const [name, rowElement] of Object.entries(rows)) {
      const mine = problems.filter((p) => rowForField(p.field) === name);
      const errors = mine.filter((p) => p.severity !== "warning");
      // A shot's own problem shows under that shot (shots.ts), not again at the row.
      const here = errors.filter((p) => shotOfField(p.field) === null);
      const target = rowElement.querySelector<HTMLElement>(":scope > .ks-problem");
      if (target) setText(target, here.map((p) => p.text).join(" · "));
      const note = keptNotes.get(name);
      const kept = mine.filter((p) => p.severity === "warning");
      // One row can carry several fields (multi_shot, shot_type, multi_prompt): each note once.
      const notes = new Set(kept.map((p) => keptNote([p], p.field) ?? p.text));
      if (note) setText(note, [...notes].join(" · "));
      rowElement.classList.toggle("ks-has-problem", errors.length > 0);
    }
  }

  /** The values, and the choices the chosen model offers. */
  function showValues(): void {
    const multi = model.get("kind") === "multi-image2video";
    // Never blank: an empty name reads as the default model, as the kernel reads it.
    const name = param("model_name") || catalogue.default_model;
    setOptions(modelSelect, modelNames(catalogue, multi, name), name);
    const modes = withCurrent(modesFor(catalogue, name), param("mode"));
    setOptions(modeSelect, modes, shown(param("mode"), modes));
    const durations = withCurrent(durationsFor(catalogue, name), param("duration"));
    const route = model.get("kind");
    setOptions(durationSelect, durations, shown(param("duration"), durations), (d) =>
      durationLabel(catalogue, route, d),
    );
    setOptions(
      aspectSelect,
      catalogue.aspect_ratios,
      param("aspect_ratio") ?? catalogue.default_aspect_ratio,
    );
    const cfgScale = param("cfg_scale");
    const cfgSet = typeof cfgScale === "number";
    cfgOn.checked = cfgSet;
    cfg.value = String(cfgSet ? cfgScale : catalogue.cfg_scale_default);
    setText(
      cfgValue,
      cfgSet ? cfgScale.toFixed(2) : `Kling's default (${catalogue.cfg_scale_default})`,
    );
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
    setHidden(rows.multi_shot, !showsShots(model));
    setHidden(rows.element_list, multi || !showsElements(model));
    watermark.checked = param("watermark_info")?.enabled === true;
    if (document.activeElement !== externalId)
      externalId.value = String(param("external_task_id") ?? "");
    updateCamera(name, param("camera_control") ?? null);
    showWaysOut();
  }

  /** Which rows the request kind has, and which of them the rule table lets be used. */
  function showControls(): void {
    const multi = model.get("kind") === "multi-image2video";
    for (const [field, rowElement] of Object.entries(rows)) {
      const { enabled, reason } = control(field);
      rowElement.classList.toggle("ks-disabled", !enabled);
      const wayOut = waysOut[field as keyof typeof rows]?.control;
      if (!SELF_MANAGED.has(field)) {
        for (const input of rowElement.querySelectorAll<Input>("input, select, textarea, button")) {
          if (input !== wayOut) setDisabled(input, !enabled);
        }
      }
      const reasonElement = rowElement.querySelector<HTMLElement>(":scope > .ks-reason");
      if (reasonElement) setText(reasonElement, reason);
    }
    showWaysOut();
    setHidden(rows.aspect_ratio, !multi);
    setHidden(rows.camera_control, multi);
  }

  function control(field: string): { enabled: boolean; reason: string } {
    const found = model.get("controls")[field as keyof Controls];
    return { enabled: found?.enabled ?? true, reason: found?.reason ?? "" };
  }

  /** A kept value can always be taken out, even where the model cannot use it. */
  function showWaysOut(): void {
    const params = model.get("params");
    for (const [field, way] of Object.entries(waysOut)) {
      const set = way.isSet(params);
      setDisabled(way.control, way.alone ? !set : !set && !control(field).enabled);
    }
  }

  function updateCamera(name: string, camera: CameraControl | null): void {
    const type = camera?.type ?? null;
    setOptions(cameraType, cameraChoices(cameraTypesFor(catalogue, name), type), type ?? "none");
    setHidden(sliderBox, type !== "simple");
    const config = fullConfig(axes, camera?.config);
    const active = activeAxis(axes, config);
    for (const [axis, slider] of sliders) {
      if (slider.value !== String(config[axis])) slider.value = String(config[axis]);
      const out = sliderBox.querySelector<HTMLOutputElement>(`output[data-axis="${axis}"]`);
      if (out) setText(out, axis === active ? String(config[axis]) : "0");
    }
    const stale = type !== "simple" || active !== axisRule?.moved || name !== axisRule?.model;
    if (stale) axisRule = null;
    setText(cameraRule, axisRule === null ? "" : oneAxisText(axisRule.reset));
  }

  /** The prompt while each shot's own replaces it: dimmed, said, still editable, kept. */
  /** Dimmed while customized shots replace it (the kernel's warning says so beside it). */
  function showIgnoredPrompt(): void {
    rows.prompt.classList.toggle("ks-ignored", shotsReplacePrompt(model));
  }

  return {
    element,
    updates: [
      { reads: ["params", "kind"], run: showValues },
      { reads: ["controls", "kind"], run: showControls },
      { reads: ["problems"], run: showProblems },
      { reads: ["params", "controls"], run: showIgnoredPrompt },
      ...shots.updates,
      ...voices.updates,
      ...elements.updates,
    ],
  };
}
