// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Controls, Params, Problem } from "./model";
import { paramsForm } from "./params";
import { LENIENT, mount } from "./testing";

const V3: Params = {
  model_name: "kling-v3",
  mode: "std",
  duration: "10",
  prompt: "a boat",
  sound: "on",
};
const SHOTS: Params = {
  ...V3,
  multi_shot: true,
  shot_type: "customize",
  multi_prompt: [
    { index: 1, prompt: "the boat leaves", duration: "5" },
    { index: 2, prompt: "she says goodbye", duration: "5" },
  ],
};

function form(params: Params, controls: Controls = {}, problems: Problem[] = []) {
  const mounted = mount(paramsForm, { params, controls, problems });
  return { ...mounted, voices: () => mounted.params().voice_list ?? [] };
}

function type(box: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  box.focus();
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("voices as rows", () => {
  it("adds rows up to the catalogue's limit and keeps each as made", () => {
    const mounted = form(V3);
    const add = mounted.get<HTMLButtonElement>("voice-add");
    add.click();
    expect(mounted.voices()).toEqual([{ voice_id: "" }]); // an empty row is the kernel's to name
    const first = mounted.get<HTMLInputElement>("voice-id-0");
    expect(document.activeElement).toBe(first);
    expect(first.getAttribute("aria-label")).toBe("Voice 1 id");
    type(first, "v-1");
    add.click();
    type(mounted.get<HTMLInputElement>("voice-id-1"), "v-2");
    expect(mounted.voices()).toEqual([{ voice_id: "v-1" }, { voice_id: "v-2" }]);
    expect(add.disabled).toBe(true);
    expect(mounted.get("voice-count").textContent).toBe("2 of 2");
    const remove = mounted.get<HTMLButtonElement>("voice-remove-0");
    expect(remove.getAttribute("aria-label")).toBe("Remove voice 1");
    remove.focus();
    remove.click();
    expect(mounted.voices()).toEqual([{ voice_id: "v-2" }]);
    expect(mounted.get<HTMLInputElement>("voice-id-0").value).toBe("v-2");
    expect(document.activeElement).toBe(mounted.get("voice-remove-0")); // the row that moved up
    mounted.get<HTMLButtonElement>("voice-remove-0").click();
    expect(mounted.voices()).toEqual([]);
    expect(document.activeElement).toBe(add); // nothing left: Add
  });

  it("keeps the id being typed when the trait comes back", () => {
    const mounted = form({ ...V3, voice_list: [{ voice_id: "" }] });
    const box = mounted.get<HTMLInputElement>("voice-id-0");
    type(box, "v-12");
    mounted.change({ params: { ...V3, voice_list: [{ voice_id: "v-1" }] } });
    expect(mounted.get("voice-id-0")).toBe(box);
    expect(box.value).toBe("v-12");
  });

  it("inserts the voice's token at the caret of the prompt last in, and leaves the caret after it", () => {
    const mounted = form({ ...V3, voice_list: [{ voice_id: "v-1" }] });
    const prompt = mounted.get<HTMLTextAreaElement>("prompt");
    prompt.focus();
    prompt.setSelectionRange(2, 2); // "a |boat"
    const insert = mounted.get<HTMLButtonElement>("voice-insert-0");
    expect(insert.textContent).toBe("Insert <<<voice_1>>>");
    expect(insert.getAttribute("aria-label")).toBe("Insert <<<voice_1>>> into the prompt");
    insert.focus(); // from the keyboard: Tab to the button, then Enter
    insert.click();
    expect(mounted.params().prompt).toBe("a <<<voice_1>>>boat");
    expect(document.activeElement).toBe(prompt);
    expect(prompt.selectionStart).toBe(2 + "<<<voice_1>>>".length);
  });

  it("puts the token into a shot's prompt while the shots replace the prompt", () => {
    const mounted = form({ ...SHOTS, voice_list: [{ voice_id: "v-1" }, { voice_id: "v-2" }] });
    const insert = mounted.get<HTMLButtonElement>("voice-insert-1");
    // Not in any prompt yet: the first shot's.
    expect(insert.getAttribute("aria-label")).toBe("Insert <<<voice_2>>> into shot 1");
    const shot = mounted.get<HTMLTextAreaElement>("shot-prompt-1");
    shot.focus();
    shot.setSelectionRange(shot.value.length, shot.value.length);
    expect(insert.getAttribute("aria-label")).toBe("Insert <<<voice_2>>> into shot 2");
    insert.click();
    expect(mounted.params().multi_prompt?.[1]?.prompt).toBe("she says goodbye<<<voice_2>>>");
    expect(mounted.params().prompt).toBe("a boat");
    expect(document.activeElement).toBe(shot);
    // The request's own prompt, focused while it is ignored, is passed over for a shot's.
    mounted.get<HTMLTextAreaElement>("prompt").focus();
    expect(insert.getAttribute("aria-label")).toBe("Insert <<<voice_2>>> into shot 1");
  });

  it("keeps voices the model cannot take visible and removable, with the kernel's words", () => {
    const off: Controls = {
      voice_list: { enabled: false, reason: "not on kling-v1; it is on kling-v2-6 pro 5 s" },
    };
    const kept: Problem = {
      field: "voice_list",
      rule: "the voices: kept, not sent with kling-v1 std 5 s — it is on kling-v2-6 pro 5 s",
      value: null,
      severity: "warning",
      text: "Voices: the voices: kept, not sent with kling-v1 std 5 s — it is on …",
      brief: "kept, not sent with kling-v1 std 5 s",
    };
    const mounted = form(
      { model_name: "kling-v1", duration: "5", voice_list: [{ voice_id: "v-1" }] },
      off,
      [kept],
    );
    expect(mounted.get<HTMLInputElement>("voice-id-0").disabled).toBe(true);
    expect(mounted.get<HTMLButtonElement>("voice-insert-0").disabled).toBe(true);
    expect(mounted.get<HTMLButtonElement>("voice-add").disabled).toBe(true);
    expect(mounted.get("reason-voice_list").textContent).toBe(off.voice_list?.reason);
    expect(mounted.get("kept-voice_list").textContent).toBe("kept, not sent with kling-v1 std 5 s");
    mounted.get<HTMLButtonElement>("voice-remove-0").click(); // the way out
    expect(mounted.voices()).toEqual([]);
  });

  it("shows the kernel's problems about voices beside the Voices row", () => {
    const problems: Problem[] = [
      {
        field: "voice_list[0].voice_id",
        rule: "must not be empty",
        value: null,
        severity: "error",
        text: "Voice 1 id: must not be empty",
      },
    ];
    const mounted = form({ ...V3, voice_list: [{ voice_id: "" }] }, {}, problems);
    expect(mounted.get("problem-voice_list").textContent).toBe("Voice 1 id: must not be empty");
    expect(mounted.get("row-voice_list").getAttribute("role")).toBe("group");
  });
});

describe("elements as rows", () => {
  it("are offered where the model's row takes them, disabled with the kernel's reason elsewhere", () => {
    const mounted = form(V3);
    expect(mounted.get("row-element_list").hidden).toBe(false);
    mounted.get<HTMLButtonElement>("element-add").click();
    const box = mounted.get<HTMLInputElement>("element-id-0");
    expect(box.getAttribute("aria-label")).toBe("Element 1 id");
    box.value = "el-7";
    box.dispatchEvent(new Event("input"));
    expect(mounted.params().element_list).toEqual([{ element_id: "el-7" }]);
    expect(mounted.get("element-count").textContent).toBe("1 of 3");
    const problem: Problem = {
      field: "element_list",
      rule: "cannot be combined with voice_list",
      value: null,
      severity: "error",
      text: "Elements: cannot be combined with voice_list",
    };
    mounted.change({ problems: [problem] });
    expect(mounted.get("problem-element_list").textContent).toBe(problem.text);

    const off: Controls = {
      element_list: { enabled: false, reason: "kling-v1 does not take elements; kling-v3 does" },
    };
    mounted.change({ params: { model_name: "kling-v1", duration: "5" }, controls: off });
    expect(mounted.get("row-element_list").hidden).toBe(true); // none kept: not offered
    mounted.change({
      params: { model_name: "kling-v1", duration: "5", element_list: [{ element_id: "el-7" }] },
    });
    expect(mounted.get("row-element_list").hidden).toBe(false);
    expect(mounted.get<HTMLInputElement>("element-id-0").disabled).toBe(true);
    expect(mounted.get<HTMLButtonElement>("element-remove-0").disabled).toBe(false);
    expect(mounted.get("reason-element_list").textContent).toBe(off.element_list?.reason);
  });
});

describe("what the provider does not document", () => {
  it("marks the durations its page does not list", () => {
    const mounted = mount(paramsForm, { params: V3, catalogue: LENIENT });
    const duration = mounted.get<HTMLSelectElement>("duration");
    const labels = [...duration.options].map((option) => option.text);
    expect(labels.slice(0, 3)).toEqual([
      "3 s — not documented on CometAPI",
      "4 s — not documented on CometAPI",
      "5 s",
    ]);
    expect(labels[7]).toBe("10 s");
    mounted.change({ params: { ...V3, duration: "7" } });
    expect(duration.selectedOptions[0]?.text).toBe("7 s — not documented on CometAPI");
  });

  it("shows the kernel's warning for what a lenient client sends beside its control", () => {
    const mounted = mount(paramsForm, { params: V3, catalogue: LENIENT });
    const rule = "not documented on CometAPI — sent as is";
    const text = `Sound: ${rule}`;
    mounted.change({
      problems: [{ field: "sound", rule, value: null, severity: "warning", text }],
    });
    expect(mounted.get("kept-sound").textContent).toBe(rule);
  });
});
