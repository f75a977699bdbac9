// The shot editor of a multi-shot video (`multi_shot`, `shot_type`, `multi_prompt`), shown where
// the chosen model's catalogue row makes multi-shot videos, or where shots are kept. A switch;
// the shot type (customize: the person's shots; intelligence: the model cuts from the prompt,
// the shots kept but hidden); the timeline (studio/timeline.ts); a prompt and seconds per shot,
// added, removed and reordered with the mouse or the keyboard (Alt+↑/↓ in a shot's prompt).
// The arithmetic is lib/shots.ts: every edit keeps the shots adding up to the duration.
//
// Shots are kept by a key of their own (a shot moved keeps its text box, caret and focus); the
// trait has only positions, so the keys live here and follow each edit made here.

import { durationsFor, modelInfo } from "../lib/catalogue";
import { shown } from "../lib/choices";
import {
  addShot,
  asShots,
  fits,
  leastSeconds,
  moveCut,
  moveItem,
  removeShot,
  rescale,
  secondsOf,
  secondsRange,
  setSeconds,
  shotOfField,
} from "../lib/shots";
import { h, invalid, setDisabled, setHidden, setText, syncText, uniqueId } from "./dom";
import { keyedList } from "./keyed";
import { type Model, type Params, setParam, setParams, type Updates } from "./model";
import type { PromptCursor } from "./prompts";
import { timeline } from "./timeline";

export interface ShotsEditor {
  /** The switch and the shot type, beside the row's label. */
  head: HTMLElement;
  /** The timeline, the shots and Add, under the row at its whole width. */
  body: HTMLElement;
  updates: Updates;
}

/** What each shot type is called, and what it does, in a person's words (by the request's
 * value; a type the table adds later shows under its own name). */
const SHOT_TYPES: Record<string, { label: string; says: string }> = {
  customize: { label: "Customize", says: "your shots, each with its own prompt and seconds" },
  intelligence: { label: "Intelligence", says: "the model cuts the video into shots" },
};

interface ShotItem {
  key: string;
  position: number;
  count: number;
  prompt: string;
  seconds: number;
  min: number;
  max: number;
  limit: number;
  enabled: boolean;
  problem: string;
  badPrompt: boolean;
  badSeconds: boolean;
}

interface ShotView {
  element: HTMLElement;
  update(item: ShotItem): void;
  prompt: HTMLTextAreaElement;
  forget(): void;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The duration the form shows (the one sent), in seconds. */
function videoSeconds(model: Model): number {
  const params = model.get("params");
  const catalogue = model.get("catalogue");
  const name = params.model_name || catalogue.default_model;
  return secondsOf(shown(params.duration, durationsFor(catalogue, name)));
}

/** Whether the form shows the shot editor: the model makes multi-shot videos, or shots are on
 * (kept, with the kernel's note, where it does not). */
export function showsShots(model: Model): boolean {
  const params = model.get("params");
  const catalogue = model.get("catalogue");
  if (model.get("kind") === "multi-image2video") return false;
  const name = params.model_name || catalogue.default_model;
  return modelInfo(catalogue, name)?.multi_shot === true || params.multi_shot === true;
}

/** Whether each shot's prompt is sent instead of the request's own: multi-shot on, customized,
 * and the model takes it (a kept multi-shot sends the prompt as usual). */
export function shotsReplacePrompt(model: Model): boolean {
  const params = model.get("params");
  return (
    params.multi_shot === true &&
    (params.shot_type ?? "customize") === "customize" &&
    (model.get("controls").multi_shot?.enabled ?? true)
  );
}

export function shotsEditor(model: Model, prompts: PromptCursor): ShotsEditor {
  const unique = uniqueId("ks-shots");
  const catalogue = model.get("catalogue");
  const min = catalogue.min_shot_seconds;

  // ── Head: the switch and the shot type ──
  const toggle = h("input", { type: "checkbox", role: "switch", "data-testid": "multi_shot" });
  const typeButtons = new Map<string, HTMLInputElement>();
  const typeBox = h("span", {
    class: "ks-choice",
    role: "radiogroup",
    "aria-label": "Shot type",
    "data-testid": "shot_type",
  });
  for (const value of catalogue.shot_types) {
    const words = SHOT_TYPES[value] ?? { label: value, says: "" };
    const radio = h("input", {
      type: "radio",
      name: `${unique}-type`,
      value,
      "data-testid": `shot_type-${value}`,
    });
    radio.addEventListener("change", () => {
      if (radio.checked) setParam(model, "shot_type", value as Params["shot_type"]);
    });
    typeButtons.set(value, radio);
    typeBox.append(h("label", { title: words.says }, radio, words.label));
  }
  const head = h(
    "span",
    { class: "ks-inline" },
    h("label", { class: "ks-switch" }, toggle, "Multi-shot"),
    typeBox,
  );

  // ── Body: what the shot type does, the timeline, the shots, Add ──
  // What to fix is said as it comes (a live region of its own, without the button beside it).
  const note = h("span", { class: "ks-shots-note", role: "status", "data-testid": "shots-note" });
  const fit = h("button", { type: "button", class: "ks-button", "data-testid": "shots-fit" });
  const bar = timeline((cut, at) => {
    const { prompts: texts, seconds } = current();
    write(texts, moveCut(seconds, cut, at, min));
  });
  const list = h("ol", { class: "ks-shot-list", "data-testid": "shot-list" });
  const add = h(
    "button",
    { type: "button", class: "ks-button", "data-testid": "shot-add" },
    "Add shot",
  );
  const addNote = h("span", { class: "ks-count", "data-testid": "shot-count" });
  const body = h(
    "div",
    { class: "ks-shots", "data-testid": "shots" },
    h("span", { class: "ks-inline" }, note, fit),
    bar.element,
    list,
    h("span", { class: "ks-inline" }, add, addNote),
  );

  let keys: string[] = [];
  let made = 0;
  const newKey = () => {
    made += 1;
    return `shot-${made}`;
  };
  /** Keys for `count` shots: those there stay (a shot set from Python keeps its box). */
  function keysFor(count: number): string[] {
    while (keys.length < count) keys.push(newKey());
    keys = keys.slice(0, count);
    return keys;
  }

  function current(): { prompts: string[]; seconds: number[]; duration: number } {
    const shots = model.get("params").multi_prompt ?? [];
    return {
      prompts: shots.map((shot) => shot.prompt),
      seconds: shots.map((shot) => secondsOf(shot.duration)),
      duration: videoSeconds(model),
    };
  }

  function write(texts: readonly string[], seconds: readonly number[]): void {
    setParam(model, "multi_prompt", asShots(texts, seconds));
  }

  /** After adding or removing: shots that did not add up are fitted when they can be. */
  function settle(seconds: number[], duration: number): number[] {
    return fits(seconds, duration, min) ? seconds : (rescale(seconds, duration, min) ?? seconds);
  }

  function focusPrompt(position: number): void {
    const key = keys[Math.max(0, Math.min(position, keys.length - 1))];
    if (key) shotViews.get(key)?.prompt.focus();
  }

  function move(key: string, by: number): void {
    const from = keys.indexOf(key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= keys.length) return;
    const { prompts: texts, seconds } = current();
    keys = moveItem(keys, from, to);
    write(moveItem(texts, from, to), moveItem(seconds, from, to));
  }

  function remove(key: string): void {
    const position = keys.indexOf(key);
    const { prompts: texts, seconds, duration } = current();
    if (position < 0 || texts.length <= 1) return;
    keys = keys.filter((k) => k !== key);
    write(
      texts.filter((_, index) => index !== position),
      settle(removeShot(seconds, position), duration),
    );
    focusPrompt(position);
  }

  function addOne(): void {
    const { prompts: texts, seconds, duration } = current();
    const next = texts.length === 0 ? [duration] : addShot(seconds, min);
    if (next === null || texts.length >= catalogue.max_shots) return;
    keysFor(texts.length);
    keys.push(newKey());
    write([...texts, ""], settle(next, duration));
    focusPrompt(keys.length - 1);
  }

  const shotViews = new Map<string, ShotView>();

  function makeShot(key: string): ShotView {
    const id = `${unique}-${key}`;
    const title = h("label", { class: "ks-shot-title", for: `${id}-prompt` });
    const prompt = h("textarea", {
      id: `${id}-prompt`,
      rows: 2,
      class: "ks-shot-prompt",
      "aria-keyshortcuts": "Alt+ArrowUp Alt+ArrowDown",
      "aria-describedby": `${id}-count ${id}-problem`,
    });
    const count = h("span", { class: "ks-count", id: `${id}-count` });
    const seconds = h("input", { type: "number", step: 1, class: "ks-shot-seconds" });
    const earlier = h("button", { type: "button", class: "ks-button ks-icon" }, "↑");
    const later = h("button", { type: "button", class: "ks-button ks-icon" }, "↓");
    const removeButton = h("button", { type: "button", class: "ks-button ks-icon" }, "×");
    const problem = h("span", { class: "ks-problem", id: `${id}-problem` });
    let limit = catalogue.max_shot_prompt;
    const position = () => keys.indexOf(key);
    const showCount = () => {
      setText(count, `${prompt.value.length} / ${limit}`);
      count.classList.toggle("ks-over", prompt.value.length > limit);
    };

    prompt.addEventListener("input", () => {
      writePrompt(key, prompt.value);
      showCount();
    });
    prompt.addEventListener("keydown", (event) => {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      move(key, event.key === "ArrowUp" ? -1 : 1);
    });
    prompt.addEventListener("focus", () => bar.highlight(position()));
    prompt.addEventListener("blur", () => bar.highlight(null));
    seconds.addEventListener("change", () => {
      const { prompts: texts, seconds: all } = current();
      const next = setSeconds(all, position(), Number(seconds.value), min);
      seconds.value = String(next[position()] ?? seconds.value);
      write(texts, next);
    });
    for (const [button, by] of [
      [earlier, -1],
      [later, 1],
    ] as const) {
      button.addEventListener("click", () => {
        move(key, by);
        // At an end, the button that moved it is disabled: the keyboard goes to the other.
        if (button.disabled) (by < 0 ? later : earlier).focus();
      });
    }
    removeButton.addEventListener("click", () => remove(key));

    const forget = prompts.add({
      element: prompt,
      name: () => `shot ${position() + 1}`,
      usable: () => position() >= 0 && shotsReplacePrompt(model),
      rank: position,
      write: (text) => writePrompt(key, text),
    });

    const element = h(
      "li",
      { class: "ks-shot" },
      h(
        "div",
        { class: "ks-shot-head" },
        title,
        h("span", { class: "ks-shot-time" }, seconds, h("span", { "aria-hidden": "true" }, "s")),
        h("span", { class: "ks-shot-buttons" }, earlier, later, removeButton),
      ),
      prompt,
      count,
      problem,
    );
    return {
      element,
      prompt,
      forget,
      update(item) {
        const n = item.position + 1;
        const name = `Shot ${n}`;
        limit = item.limit;
        element.dataset.testid = `shot-${item.position}`;
        setText(title, name);
        prompt.dataset.testid = `shot-prompt-${item.position}`;
        prompt.placeholder = `what happens in shot ${n}`;
        syncText(prompt, item.prompt);
        showCount();
        seconds.dataset.testid = `shot-seconds-${item.position}`;
        seconds.setAttribute("aria-label", `${name} seconds`);
        seconds.min = String(item.min);
        seconds.max = String(item.max);
        if (document.activeElement !== seconds) seconds.value = String(item.seconds);
        earlier.dataset.testid = `shot-earlier-${item.position}`;
        later.dataset.testid = `shot-later-${item.position}`;
        removeButton.dataset.testid = `shot-remove-${item.position}`;
        for (const [button, words] of [
          [earlier, `Move shot ${n} earlier`],
          [later, `Move shot ${n} later`],
          [removeButton, `Remove shot ${n}`],
        ] as const) {
          button.setAttribute("aria-label", words);
          button.title = words;
        }
        setDisabled(prompt, !item.enabled);
        setDisabled(seconds, !item.enabled || item.count < 2);
        setDisabled(earlier, !item.enabled || item.position === 0);
        setDisabled(later, !item.enabled || item.position === item.count - 1);
        setDisabled(removeButton, !item.enabled || item.count < 2);
        setText(problem, item.problem);
        invalid(prompt, item.badPrompt);
        invalid(seconds, item.badSeconds);
      },
    };
  }

  function writePrompt(key: string, text: string): void {
    const position = keys.indexOf(key);
    const { prompts: texts, seconds } = current();
    if (position < 0 || position >= texts.length) return;
    texts[position] = text;
    write(texts, seconds);
  }

  const shots = keyedList<ShotItem, ShotView>(
    list,
    (item) => item.key,
    (key) => {
      const view = makeShot(key);
      shotViews.set(key, view);
      return view;
    },
  );

  toggle.addEventListener("change", () => {
    if (!toggle.checked) {
      setParam(model, "multi_shot", false);
      return;
    }
    const params = model.get("params");
    const fields: Partial<Params> = { multi_shot: true };
    if (!params.shot_type) fields.shot_type = "customize";
    // The first time: the whole video is one shot, with the prompt there is so far.
    if ((params.multi_prompt ?? []).length === 0) {
      fields.multi_prompt = asShots([params.prompt ?? ""], [videoSeconds(model)]);
    }
    setParams(model, fields);
  });
  add.addEventListener("click", addOne);
  fit.addEventListener("click", () => {
    const { prompts: texts, seconds, duration } = current();
    const scaled = rescale(seconds, duration, min);
    if (scaled) write(texts, scaled);
  });

  function showHead(on: boolean, usable: boolean, shotType: string): void {
    toggle.checked = on;
    setDisabled(toggle, !usable && !on); // a kept multi-shot can always be switched off
    setHidden(typeBox, !on);
    for (const [value, radio] of typeButtons) {
      radio.checked = value === shotType;
      setDisabled(radio, !usable);
    }
  }

  /** What the shots say above the timeline: what intelligence does, what to fix, or how. */
  function showNote(customize: boolean, seconds: number[], duration: number): void {
    const count = seconds.length;
    let words = "";
    let fitTo: number | null = null;
    if (!customize) {
      words = `The model cuts the video into shots from the prompt.`;
      if (count > 0) words += ` Your ${plural(count, "shot")} stay here for Customize.`;
    } else if (count === 0) {
      words = "Add a shot: each has its own prompt and seconds.";
    } else if (fits(seconds, duration, min)) {
      words =
        count > 1 ? "Drag a cut, or focus it and press ← →, to move seconds between shots." : "";
    } else if (rescale(seconds, duration, min) !== null) {
      fitTo = duration; // the kernel's problem says what is wrong; this puts it right
    } else {
      const least = leastSeconds(count, min);
      const extra = count - Math.floor(duration / min);
      words =
        `${plural(count, "shot")} need at least ${least} s but the video is ${duration} s: ` +
        `remove ${plural(extra, "shot")} or choose a longer duration.`;
    }
    setText(note, words);
    note.classList.toggle("ks-to-fix", customize && count > 0 && !fits(seconds, duration, min));
    setHidden(fit, fitTo === null);
    setText(fit, `Fit the shots to ${duration} s`);
  }

  function render(): void {
    const params = model.get("params");
    const on = params.multi_shot === true;
    const usable = model.get("controls").multi_shot?.enabled ?? true;
    const shotType = params.shot_type ?? "customize";
    const customize = shotType === "customize";
    showHead(on, usable, shotType);
    setHidden(body, !on);

    const shotList = params.multi_prompt ?? [];
    const seconds = shotList.map((shot) => secondsOf(shot.duration));
    const duration = videoSeconds(model);
    const editable = usable && on && customize;
    showNote(customize, seconds, duration);
    setDisabled(fit, !editable);
    setHidden(bar.element, !customize || seconds.length === 0);
    setHidden(list, !customize);
    bar.show({ seconds, min, enabled: editable });

    const problems = model.get("problems").filter((p) => p.severity !== "warning");
    const ids = keysFor(shotList.length);
    shots.update(
      shotList.map((shot, position) => {
        const mine = problems.filter((p) => shotOfField(p.field) === position);
        const range = secondsRange(seconds, position, min);
        return {
          key: ids[position] ?? String(position),
          position,
          count: shotList.length,
          prompt: shot.prompt,
          seconds: seconds[position] ?? 0,
          min: range.min,
          max: range.max,
          limit: catalogue.max_shot_prompt,
          enabled: editable,
          problem: mine.map((p) => p.text).join(" · "),
          badPrompt: mine.some((p) => p.field.endsWith(".prompt")),
          badSeconds: mine.some((p) => p.field.endsWith(".duration")),
        };
      }),
    );
    for (const [key, view] of shotViews) {
      if (ids.includes(key)) continue;
      view.forget();
      shotViews.delete(key);
    }

    const room = shotList.length < catalogue.max_shots;
    const spare = shotList.length === 0 || addShot(seconds, min) !== null;
    setHidden(add.parentElement as HTMLElement, !customize);
    setDisabled(add, !editable || !room || !spare);
    setText(
      addNote,
      !room
        ? `${shotList.length} of ${catalogue.max_shots}: the most a video has`
        : !spare
          ? `${shotList.length} of ${catalogue.max_shots}: no shot has ${2 * min} s to split`
          : `${shotList.length} of ${catalogue.max_shots}`,
    );
  }

  return {
    head,
    body,
    updates: [{ reads: ["params", "controls", "problems", "kind"], run: render }],
  };
}
