// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Controls, Params, Problem, Shot } from "./model";
import { paramsForm } from "./params";
import { mount } from "./testing";

const V3: Params = { model_name: "kling-v3", mode: "std", duration: "10", prompt: "a boat" };
const THREE: Shot[] = [
  { index: 1, prompt: "the boat leaves", duration: "3" },
  { index: 2, prompt: "the sail fills", duration: "4" },
  { index: 3, prompt: "the boat is gone", duration: "3" },
];
const CUSTOM: Params = { ...V3, multi_shot: true, shot_type: "customize", multi_prompt: THREE };

function form(params: Params, controls: Controls = {}, problems: Problem[] = []) {
  const mounted = mount(paramsForm, { params, controls, problems });
  const shots = () => mounted.params().multi_prompt ?? [];
  return {
    ...mounted,
    shots,
    seconds: () => shots().map((shot) => Number(shot.duration)),
    prompts: () => shots().map((shot) => shot.prompt),
  };
}

function key(element: HTMLElement, name: string, options: KeyboardEventInit = {}): void {
  element.dispatchEvent(
    new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true, ...options }),
  );
}

function type(box: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  box.focus();
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the shot editor", () => {
  it("is offered where the model's row makes multi-shot videos, and only there", () => {
    const on = form(V3);
    expect(on.get("row-multi_shot").hidden).toBe(false);
    expect(on.get<HTMLInputElement>("multi_shot").checked).toBe(false);
    expect(on.get("shots").hidden).toBe(true);
    const off = form({ ...V3, model_name: "kling-v1", duration: "5" });
    expect(off.get("row-multi_shot").hidden).toBe(true);
  });

  it("starts with the whole video as one shot, the prompt there is so far in it", () => {
    const mounted = form(V3);
    const toggle = mounted.get<HTMLInputElement>("multi_shot");
    expect(toggle.getAttribute("role")).toBe("switch");
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    expect(mounted.params()).toMatchObject({ multi_shot: true, shot_type: "customize" });
    expect(mounted.shots()).toEqual([{ index: 1, prompt: "a boat", duration: "10" }]);
    expect(mounted.get("shots").hidden).toBe(false);
    expect(mounted.get("shot-remove-0").hasAttribute("disabled")).toBe(true); // keep one
  });

  it("shows the request's prompt as ignored, still editable and never cleared", () => {
    const mounted = form(CUSTOM);
    const prompt = mounted.get<HTMLTextAreaElement>("prompt");
    expect(mounted.get("row-prompt").classList.contains("ks-ignored")).toBe(true);
    expect(prompt.disabled).toBe(false);
    expect(prompt.value).toBe("a boat");
    mounted.change({ params: { ...CUSTOM, shot_type: "intelligence" } });
    expect(mounted.get("row-prompt").classList.contains("ks-ignored")).toBe(false);
  });

  it("hides the shots for intelligence, keeps them, and says what it does", () => {
    const mounted = form({ ...CUSTOM, shot_type: "intelligence" });
    expect(mounted.get("shot-list").hidden).toBe(true);
    expect(mounted.get("timeline-bar").closest<HTMLElement>(".ks-timeline")?.hidden).toBe(true);
    expect(mounted.get("shots-note").textContent).toBe(
      "The model cuts the video into shots from the prompt. Your 3 shots stay here for Customize.",
    );
    expect(mounted.shots()).toEqual(THREE);
    mounted.get<HTMLInputElement>("shot_type-customize").click();
    expect(mounted.params().shot_type).toBe("customize");
    expect(mounted.get("shot-list").hidden).toBe(false);
  });

  it("counts each shot's characters against the catalogue's limit, live", () => {
    const mounted = form(CUSTOM);
    const box = mounted.get<HTMLTextAreaElement>("shot-prompt-1");
    const count = box.parentElement?.querySelector(".ks-count");
    expect(count?.textContent).toBe("14 / 512");
    type(box, "x".repeat(513));
    expect(count?.textContent).toBe("513 / 512");
    expect(count?.classList.contains("ks-over")).toBe(true);
    expect(mounted.prompts()[1]).toHaveLength(513);
  });

  it("keeps the text, focus and caret of a shot being typed when the trait comes back", () => {
    const mounted = form(CUSTOM);
    const box = mounted.get<HTMLTextAreaElement>("shot-prompt-0");
    type(box, "the boat leaves the harbour");
    box.setSelectionRange(8, 8);
    // The kernel's echo of an older keystroke, and its problems, arrive while typing goes on.
    const stale = THREE.map((shot, i) => (i === 0 ? { ...shot, prompt: "the boat" } : shot));
    mounted.change({ params: { ...CUSTOM, multi_prompt: stale }, problems: [] });
    expect(mounted.get("shot-prompt-0")).toBe(box);
    expect(document.activeElement).toBe(box);
    expect(box.value).toBe("the boat leaves the harbour");
    expect([box.selectionStart, box.selectionEnd]).toEqual([8, 8]);
  });

  it("adds a shot by splitting the longest, and gives a removed shot's seconds back", () => {
    const mounted = form(CUSTOM);
    mounted.get<HTMLButtonElement>("shot-add").click();
    expect(mounted.seconds()).toEqual([3, 2, 3, 2]);
    expect(mounted.prompts()[3]).toBe("");
    expect(document.activeElement).toBe(mounted.get("shot-prompt-3")); // type on at once
    expect(mounted.get("shot-count").textContent).toBe("4 of 6");
    mounted.get<HTMLButtonElement>("shot-remove-1").click();
    expect(mounted.seconds()).toEqual([5, 3, 2]);
    expect(mounted.prompts()).toEqual(["the boat leaves", "the boat is gone", ""]);
    expect(mounted.shots().map((shot) => shot.index)).toEqual([1, 2, 3]);
  });

  it("stops adding at the catalogue's most shots, or when no shot can be split", () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      index: i + 1,
      prompt: `${i}`,
      duration: i < 4 ? "2" : "1",
    }));
    const mounted = form({ ...CUSTOM, multi_prompt: six });
    expect(mounted.get<HTMLButtonElement>("shot-add").disabled).toBe(true);
    expect(mounted.get("shot-count").textContent).toBe("6 of 6: the most a video has");
    const ones = six.slice(0, 3).map((shot) => ({ ...shot, duration: "1" }));
    mounted.change({ params: { ...CUSTOM, duration: "3", multi_prompt: ones } });
    expect(mounted.get<HTMLButtonElement>("shot-add").disabled).toBe(true);
    expect(mounted.get("shot-count").textContent).toBe("3 of 6: no shot has 2 s to split");
  });

  it("reorders with buttons and with Alt+arrows, keeping the keyboard on the shot", () => {
    const mounted = form(CUSTOM);
    const box = mounted.get<HTMLTextAreaElement>("shot-prompt-2");
    box.focus();
    box.setSelectionRange(4, 4);
    key(box, "ArrowUp", { altKey: true });
    expect(mounted.prompts()).toEqual(["the boat leaves", "the boat is gone", "the sail fills"]);
    expect(mounted.seconds()).toEqual([3, 3, 4]); // seconds travel with their shot
    expect(mounted.get("shot-prompt-1")).toBe(box); // the same box, renamed
    expect(document.activeElement).toBe(box);
    expect(box.selectionStart).toBe(4);
    const earlier = mounted.get<HTMLButtonElement>("shot-earlier-1");
    earlier.focus();
    earlier.click();
    expect(mounted.prompts()[0]).toBe("the boat is gone");
    // At the top it cannot go earlier: the keyboard goes to "later" rather than nowhere.
    expect(earlier.disabled).toBe(true);
    expect(document.activeElement).toBe(mounted.get("shot-later-0"));
    expect(earlier.getAttribute("aria-label")).toBe("Move shot 1 earlier");
  });

  it("trades a shot's typed seconds with its neighbour, within the minimum", () => {
    const mounted = form(CUSTOM);
    const seconds = mounted.get<HTMLInputElement>("shot-seconds-0");
    expect(seconds.getAttribute("aria-label")).toBe("Shot 1 seconds");
    expect([seconds.min, seconds.max]).toEqual(["1", "6"]);
    seconds.value = "9";
    seconds.dispatchEvent(new Event("change"));
    expect(mounted.seconds()).toEqual([6, 1, 3]);
    expect(seconds.value).toBe("6");
  });
});

describe("the timeline", () => {
  it("has a slider on each cut, with its second, range and neighbours", () => {
    const mounted = form(CUSTOM);
    const cut = mounted.get("cut-0");
    expect(mounted.all(".ks-cut")).toHaveLength(2);
    expect(cut.getAttribute("role")).toBe("slider");
    expect(cut.tabIndex).toBe(0);
    expect(cut.getAttribute("aria-label")).toBe("Cut between shot 1 and shot 2");
    expect(
      ["aria-valuenow", "aria-valuemin", "aria-valuemax"].map((a) => cut.getAttribute(a)),
    ).toEqual(["3", "1", "6"]);
    expect(cut.getAttribute("aria-valuetext")).toBe("3 s: shot 1 3 s, shot 2 4 s");
    const segments = mounted.all(".ks-segment");
    expect(segments.map((s) => s.style.flexGrow)).toEqual(["3", "4", "3"]);
    expect(segments.map((s) => s.textContent)).toEqual(["1 · 3 s", "2 · 4 s", "3 · 3 s"]);
  });

  it("moves whole seconds between the two neighbours from the keyboard, keeping focus", () => {
    const mounted = form(CUSTOM);
    const cut = mounted.get("cut-1");
    cut.focus();
    key(cut, "ArrowRight");
    expect(mounted.seconds()).toEqual([3, 5, 2]);
    key(cut, "End");
    expect(mounted.seconds()).toEqual([3, 6, 1]);
    key(cut, "ArrowRight"); // no further: the last shot keeps its second
    expect(mounted.seconds()).toEqual([3, 6, 1]);
    key(cut, "Home");
    expect(mounted.seconds()).toEqual([3, 1, 6]);
    expect(mounted.get("cut-1")).toBe(cut);
    expect(document.activeElement).toBe(cut);
    expect(cut.getAttribute("aria-valuenow")).toBe("4");
  });

  it("is not moved where the model cannot take the shots", () => {
    const off = { multi_shot: { enabled: false, reason: "kling-v1 does not make multi-shot" } };
    const mounted = form({ ...CUSTOM, model_name: "kling-v1", duration: "10" }, off);
    const cut = mounted.get("cut-0");
    expect(cut.getAttribute("aria-disabled")).toBe("true");
    key(cut, "ArrowRight");
    expect(mounted.seconds()).toEqual([3, 4, 3]);
  });
});

describe("a new duration", () => {
  it("rescales the shots with it, in the same change", () => {
    const mounted = form(CUSTOM);
    const duration = mounted.get<HTMLSelectElement>("duration");
    const sent = mounted.sent();
    duration.value = "15";
    duration.dispatchEvent(new Event("change"));
    expect(mounted.params().duration).toBe("15");
    expect(mounted.seconds()).toEqual([5, 6, 4]); // 2:3:2 above the minimum, as before
    expect(mounted.sent()).toBe(sent + 1);
    duration.value = "3";
    duration.dispatchEvent(new Event("change"));
    expect(mounted.seconds()).toEqual([1, 1, 1]);
  });

  it("says what to fix when the shots cannot fit, and fits them once they can", () => {
    const mounted = form(CUSTOM);
    mounted.get<HTMLButtonElement>("shot-add").click();
    mounted.get<HTMLButtonElement>("shot-add").click(); // 5 shots
    const duration = mounted.get<HTMLSelectElement>("duration");
    duration.value = "3";
    duration.dispatchEvent(new Event("change"));
    expect(mounted.params().duration).toBe("3");
    expect(mounted.seconds().reduce((a, b) => a + b)).toBe(10); // left as they were
    const note = mounted.get("shots-note");
    expect(note.textContent).toBe(
      "5 shots need at least 5 s but the video is 3 s: remove 2 shots or choose a longer duration.",
    );
    expect(mounted.get("shots-fit").hidden).toBe(true);
    mounted.get<HTMLButtonElement>("shot-remove-4").click();
    mounted.get<HTMLButtonElement>("shot-remove-3").click();
    expect(mounted.seconds()).toEqual([1, 1, 1]); // fitted as soon as they could be
    expect(note.classList.contains("ks-to-fix")).toBe(false);
  });

  it("offers to fit shots set from Python that add up to something else", () => {
    const mounted = form({ ...CUSTOM, duration: "5" });
    const fit = mounted.get<HTMLButtonElement>("shots-fit");
    expect(fit.hidden).toBe(false);
    expect(fit.textContent).toBe("Fit the shots to 5 s");
    fit.click();
    expect(mounted.seconds()).toEqual([2, 2, 1]);
    expect(fit.hidden).toBe(true);
  });
});

describe("kept and refused shots", () => {
  const KEPT: Problem = {
    field: "multi_shot",
    rule: "the shots: kept, not sent with kling-v1 std 5 s — it is on kling-v3",
    value: null,
    severity: "warning",
    text: "Multi-shot: the shots: kept, not sent with kling-v1 std 5 s — it is on kling-v3",
    brief: "kept, not sent with kling-v1 std 5 s",
  };
  const OFF: Controls = {
    multi_shot: {
      enabled: false,
      reason: "kling-v1 does not make multi-shot videos; kling-v3 does",
    },
  };

  it("stay visible with the kernel's note where the model cannot take them, and can be switched off", () => {
    const mounted = form({ ...CUSTOM, model_name: "kling-v1", duration: "5" }, OFF, [KEPT]);
    expect(mounted.get("row-multi_shot").hidden).toBe(false);
    expect(mounted.get("reason-multi_shot").textContent).toBe(OFF.multi_shot?.reason);
    expect(mounted.get("kept-multi_shot").textContent).toBe("kept, not sent with kling-v1 std 5 s");
    expect(mounted.get<HTMLTextAreaElement>("shot-prompt-0").disabled).toBe(true);
    expect(mounted.get<HTMLButtonElement>("shot-add").disabled).toBe(true);
    // the prompt is sent as usual while the shots are kept
    expect(mounted.get("row-prompt").classList.contains("ks-ignored")).toBe(false);
    const toggle = mounted.get<HTMLInputElement>("multi_shot");
    expect(toggle.disabled).toBe(false);
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    expect(mounted.params().multi_shot).toBe(false);
    expect(mounted.shots()).toEqual(THREE); // kept, not dropped
    expect(toggle.disabled).toBe(true); // nothing left to undo
  });

  it("show a shot's problem under that shot, and the others at the row", () => {
    const problems: Problem[] = [
      {
        field: "multi_prompt[1].prompt",
        rule: "must be at most 512 characters",
        value: "600 characters",
        severity: "error",
        text: "Shot 2 prompt: must be at most 512 characters (got 600 characters)",
      },
      {
        field: "shot_type",
        rule: "is required when multi_shot is true",
        value: null,
        severity: "error",
        text: "Shot type: is required when multi_shot is true",
      },
    ];
    const mounted = form(CUSTOM, {}, problems);
    const box = mounted.get<HTMLTextAreaElement>("shot-prompt-1");
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(box.parentElement?.querySelector(".ks-problem")?.textContent).toBe(
      "Shot 2 prompt: must be at most 512 characters (got 600 characters)",
    );
    expect(mounted.get("problem-multi_shot").textContent).toBe(
      "Shot type: is required when multi_shot is true",
    );
    expect(mounted.get("row-multi_shot").classList.contains("ks-has-problem")).toBe(true);
    mounted.change({ problems: [] });
    expect(box.hasAttribute("aria-invalid")).toBe(false);
  });
});
