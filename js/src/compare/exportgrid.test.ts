// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CompareReplies, GridExport } from "../generated/contract";
import { exportGrid } from "./exportgrid";
import type { CompareToKernel } from "./model";
import type { CompareAsk } from "./requests";

type Reply = CompareReplies["export-grid"];

function part<E extends HTMLElement = HTMLElement>(root: HTMLElement, testid: string): E {
  const found = root.querySelector<E>(`[data-testid="${testid}"]`);
  if (found === null) throw new Error(`no ${testid}`);
  return found;
}

/** Plays the kernel: each request waits until the test answers it. */
function kernel() {
  const sent: CompareToKernel[] = [];
  const answers: ((reply: Reply) => void)[] = [];
  const ask = ((msg: CompareToKernel) => {
    sent.push(msg);
    return new Promise<Reply>((resolve) => answers.push(resolve));
  }) as CompareAsk;
  return { ask, sent, answer: (reply: Reply) => answers.shift()?.(reply) };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const PATH = "/work/sweep/grid.mp4";
const DONE: GridExport = {
  phase: "done",
  format: "mp4",
  progress: 1,
  path: PATH,
  text: "Exported grid.mp4 (1.2 MB, 5.0 s, sound from cfg_scale 0.8)",
};

function mounted() {
  const k = kernel();
  const view = exportGrid(k.ask);
  document.body.replaceChildren(view.element);
  const button = part<HTMLButtonElement>(view.element, "export");
  return { ...k, view, button };
}

describe("Export grid", () => {
  it("waits, with the reason beside it, until a cell has a video", () => {
    const { view, button, sent } = mounted();
    view.update(undefined, 0, true);
    expect(button.disabled).toBe(true);
    const reason = part(view.element, "export-reason");
    expect(reason.textContent).toBe("Export needs a cell with a video.");
    expect(button.getAttribute("aria-describedby")?.split(" ")).toContain(reason.id);
    button.click();
    expect(sent).toEqual([]);
    view.update(undefined, 1, true);
    expect(button.disabled).toBe(false);
    expect(reason.textContent).toBe("");
  });

  it("is a labelled format menu, and says whose sound an MP4 carries", () => {
    const { view } = mounted();
    view.update(undefined, 2, true);
    const select = part<HTMLSelectElement>(view.element, "export-format");
    expect(select.closest("label")?.textContent).toContain("Export as");
    expect([...select.options].map((option) => option.textContent)).toEqual([
      "MP4 with sound",
      "GIF",
      "WebP",
    ]);
    const sound = part(view.element, "export-sound");
    expect(sound.textContent).toBe("Silent: press a cell's Hear to put its sound in.");
    view.hear({ id: "r0c1", label: "cfg_scale 0.8" });
    expect(sound.textContent).toBe("Sound from cfg_scale 0.8, the cell you hear.");
    select.value = "gif";
    select.dispatchEvent(new Event("change"));
    expect(sound.textContent).toBe("A GIF has no sound.");
  });

  it("sends the format with the heard cell's sound, silent for a picture", async () => {
    const { view, button, sent, answer } = mounted();
    view.update(undefined, 2, true);
    view.hear({ id: "r0c1", label: "cfg_scale 0.8" });
    button.click();
    answer({ ok: true, path: PATH, bytes: 1, notes: [] });
    await settled();
    const select = part<HTMLSelectElement>(view.element, "export-format");
    select.value = "webp";
    select.dispatchEvent(new Event("change"));
    button.click();
    expect(sent).toEqual([
      { type: "export-grid", format: "mp4", audio: "r0c1" },
      { type: "export-grid", format: "webp", audio: null },
    ]);
  });

  it("keeps the focus while it works, ignores clicks, and follows the progress", async () => {
    const { view, button, sent, answer } = mounted();
    view.update(undefined, 2, true);
    button.focus();
    button.click();
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button.disabled).toBe(false); // a disabled button would drop the focus
    expect(document.activeElement).toBe(button);
    const status = part(view.element, "export-status");
    const bar = part<HTMLProgressElement>(view.element, "export-progress");
    expect(status.getAttribute("role")).toBe("status");
    view.update({ ...DONE, phase: "exporting", progress: 0.42, path: null, text: "" }, 2, true);
    expect(status.textContent).toBe("Exporting the grid… 42 %");
    expect(bar.hidden).toBe(false);
    expect(bar.value).toBeCloseTo(0.42);
    expect(bar.getAttribute("aria-labelledby")).toBe(status.id);
    button.click();
    expect(sent).toHaveLength(1);

    view.update(DONE, 2, true);
    expect(button.getAttribute("aria-disabled")).toBe("true"); // until the answer
    answer({ ok: true, path: PATH, bytes: 1, notes: ["cfg_scale 0.3 has no sound"] });
    await settled();
    expect(button.hasAttribute("aria-disabled")).toBe(false);
    expect(document.activeElement).toBe(button);
    expect(status.textContent).toBe(DONE.text);
    expect(bar.hidden).toBe(true);
    expect(part(view.element, "export-path").textContent).toBe(PATH);
    const notes = [...part(view.element, "export-notes").children].map((li) => li.textContent);
    expect(notes).toEqual(["cfg_scale 0.3 has no sound"]);
  });

  it("says a refusal under the button, once, until the next click", async () => {
    const { view, button, answer } = mounted();
    view.update(undefined, 1, true);
    button.click();
    const text = "export: the audio cell r0c0 has no sound (got r0c0)";
    answer({ ok: false, error: { field: "export", rule: "needs sound", value: "r0c0", text } });
    view.update({ ...DONE, phase: "failed", path: null, text }, 1, true);
    await settled();
    const error = part(view.element, "export-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toBe(text);
    expect(button.getAttribute("aria-describedby")?.split(" ")).toContain(error.id);
    expect(part(view.element, "export-status").textContent).toBe(""); // not said twice
    expect(part(view.element, "export-path").textContent).toBe("");
    button.click();
    expect(error.textContent).toBe("");
  });

  it("shows an export made before this view opened", () => {
    const { view } = mounted();
    view.update(DONE, 1, true);
    expect(part(view.element, "export-status").textContent).toBe(DONE.text);
    expect(part(view.element, "export-path").textContent).toBe(PATH);
  });
});
