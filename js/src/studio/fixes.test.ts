// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { PictureMeta, StudioToKernel } from "../generated/contract";
import { paintWords, pictureFixes, sentence, undoWords } from "./fixes";

function meta(changes: Partial<PictureMeta> = {}): PictureMeta {
  return {
    name: "small.png",
    width: 250,
    height: 180,
    bytes: 1000,
    notes: [],
    version: 1,
    problems: [],
    undo: null,
    paint: null,
    ...changes,
  };
}

const SMALL = meta({
  problems: [
    {
      rule: "min_side",
      text: "must be at least 300 px on each side (it is 250×180)",
      fixes: [
        {
          id: "upscale",
          label: "Upscale to 300 px",
          warning: "an upscaled picture is softer than a real one",
        },
      ],
    },
  ],
});

function view() {
  const sent: StudioToKernel[] = [];
  const fixes = pictureFixes("image", (content) => {
    sent.push(content);
    return true;
  });
  document.body.replaceChildren(fixes.element);
  const button = (testid: string) =>
    fixes.element.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);
  return { fixes, sent, button };
}

describe("a picture's fixes", () => {
  it("says the problem, offers each fix with what it gives up, and sends the choice", () => {
    const { fixes, sent, button } = view();
    fixes.update(SMALL);
    expect(fixes.element.getAttribute("aria-live")).toBe("polite");
    expect(fixes.element.textContent).toContain(
      "Kling would refuse this picture: must be at least 300 px on each side (it is 250×180)",
    );
    const upscale = button("fix-image-upscale");
    const note = document.getElementById(upscale?.getAttribute("aria-describedby") ?? "");
    expect(note?.textContent).toBe("An upscaled picture is softer than a real one.");
    upscale?.click();
    expect(sent).toEqual([{ type: "fix-picture", slot: "image", fix: "upscale" }]);
  });

  it("moves the focus from a fix to its undo, and from the undo back to the fix", () => {
    const { fixes, sent, button } = view();
    fixes.update(SMALL);
    button("fix-image-upscale")?.click();
    fixes.update(meta({ width: 417, height: 300, undo: "Upscale to 300 px" }));
    const undo = button("undo-image");
    expect(undo?.textContent).toBe("Undo: Upscale to 300 px");
    expect(document.activeElement).toBe(undo);
    undo?.click();
    expect(sent.at(-1)).toEqual({ type: "undo-picture", slot: "image" });
    fixes.update(SMALL);
    expect(document.activeElement).toBe(button("fix-image-upscale"));
  });

  it("is not rebuilt when its offer did not change (a focused button stays)", () => {
    const { fixes, button } = view();
    fixes.update(SMALL);
    const upscale = button("fix-image-upscale");
    fixes.update({ ...SMALL, version: 2, name: "renamed.png" });
    expect(button("fix-image-upscale")).toBe(upscale);
    fixes.update(undefined);
    expect(fixes.element.childElementCount).toBe(0);
  });

  it("says when the undo brings back paint a new picture cleared, or that the paint was kept", () => {
    const replaced = { problems: [], undo: "the new picture" };
    expect(undoWords({ ...replaced, paint: null })).toBe("Undo: put the earlier picture back");
    expect(undoWords({ ...replaced, paint: "cleared" })).toBe(
      "Undo: put the earlier picture and its paint back",
    );
    expect(undoWords({ problems: [], undo: "Crop to 2.5:1", paint: "cleared" })).toBe(
      "Undo: Crop to 2.5:1 (the paint comes back too)",
    );
    expect(paintWords({ ...replaced, paint: "scaled" })).toBe(
      "The paint was kept, scaled to this picture.",
    );
    const { fixes, button } = view();
    fixes.update(meta({ undo: "the new picture", paint: "cleared" }));
    const note = button("undo-image")?.getAttribute("aria-describedby");
    expect(document.getElementById(note ?? "")?.textContent).toContain("Undo brings it back");
  });

  it("writes a warning as a sentence", () => {
    expect(sentence("the edges are cut off")).toBe("The edges are cut off.");
    expect(sentence("Done!")).toBe("Done!");
    expect(sentence(" ")).toBe("");
  });
});
