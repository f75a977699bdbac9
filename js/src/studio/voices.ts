// Voices and elements as rows of ids (`voice_list`, `element_list`), up to the catalogue's
// limits. Each voice has a button that puts its token, <<<voice_N>>>, at the caret of the prompt
// the person was last in. Which of them the model takes, and why not, is the kernel's
// (`controls`); the problems (sound off, a voice no prompt names, an empty id, voices together
// with elements) are the kernel's too and show beside the row (params.ts).

import { modelInfo } from "../lib/catalogue";
import { h, setDisabled } from "./dom";
import { idList } from "./idlist";
import { type Model, setParam, type Updates } from "./model";
import type { PromptCursor } from "./prompts";

export interface ListView {
  element: HTMLElement;
  updates: Updates;
}

/** How a prompt names voice `position` (0-based): "<<<voice_1>>>". */
export function voiceToken(position: number): string {
  return `<<<voice_${position + 1}>>>`;
}

function enabled(model: Model, control: "voice_list" | "element_list"): boolean {
  return model.get("controls")[control]?.enabled ?? true;
}

export function voiceRows(model: Model, prompts: PromptCursor): ListView {
  const inserts = new Map<number, HTMLButtonElement>();
  let usable = true;

  function label(position: number): void {
    const button = inserts.get(position);
    if (!button) return;
    const target = prompts.target();
    const token = voiceToken(position);
    setDisabled(button, !usable || target === null);
    const where = target === null ? "no prompt" : target.name();
    button.setAttribute("aria-label", `Insert ${token} into ${where}`);
    button.title = `Insert ${token} at the cursor in ${where}`;
  }
  const relabel = () => {
    for (const position of inserts.keys()) label(position);
  };

  const list = idList({
    testid: "voice",
    noun: "voice",
    placeholder: (position) => `voice ${position + 1} id`,
    write: (ids) =>
      setParam(
        model,
        "voice_list",
        ids.map((voice_id) => ({ voice_id })),
      ),
    extra(position) {
      const button = h(
        "button",
        { type: "button", class: "ks-button ks-insert", "data-testid": `voice-insert-${position}` },
        `Insert ${voiceToken(position)}`,
      );
      // Pressed with the mouse, the button would take the focus from the prompt first; the
      // prompt keeps it (its caret is where the token goes).
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => prompts.insert(voiceToken(position)));
      inserts.set(position, button);
      return {
        elements: [button],
        update: () => label(position),
      };
    },
  });
  prompts.onChange(relabel);

  function show(): void {
    const voices = model.get("params").voice_list ?? [];
    usable = enabled(model, "voice_list");
    list.show(
      voices.map((voice) => voice.voice_id),
      usable,
      model.get("catalogue").max_voices,
    );
    for (const position of [...inserts.keys()]) {
      if (position >= voices.length) inserts.delete(position);
    }
    relabel();
  }

  return { element: list.element, updates: [{ reads: ["params", "controls"], run: show }] };
}

export function elementRows(model: Model): ListView {
  const list = idList({
    testid: "element",
    noun: "element",
    placeholder: (position) => `element ${position + 1} id`,
    write: (ids) =>
      setParam(
        model,
        "element_list",
        ids.map((element_id) => ({ element_id })),
      ),
  });

  function show(): void {
    list.show(
      (model.get("params").element_list ?? []).map((element) => element.element_id),
      enabled(model, "element_list"),
      model.get("catalogue").max_elements,
    );
  }

  return { element: list.element, updates: [{ reads: ["params", "controls"], run: show }] };
}

/** Whether the form shows the elements: the model takes them, or some are kept. */
export function showsElements(model: Model): boolean {
  const params = model.get("params");
  const catalogue = model.get("catalogue");
  const name = params.model_name || catalogue.default_model;
  return (
    modelInfo(catalogue, name)?.element_list === true || (params.element_list ?? []).length > 0
  );
}
