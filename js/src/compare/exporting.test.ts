import { describe, expect, it } from "vitest";
import type { GridExport } from "../generated/contract";
import {
  EXPORT_FORMATS,
  EXPORTING,
  exportBlocked,
  exportLine,
  exportRequest,
  isExportFormat,
  percent,
  soundNote,
} from "./exporting";

const HEARD = { id: "r0c1", label: "cfg_scale 0.8" };

describe("the export request", () => {
  it("offers MP4 with sound, GIF and WebP, in that order", () => {
    expect(EXPORT_FORMATS.map((format) => format.value)).toEqual(["mp4", "gif", "webp"]);
    expect(isExportFormat("gif")).toBe(true);
    expect(isExportFormat("avi")).toBe(false);
  });

  it("carries the heard cell's sound in an MP4, none in a picture", () => {
    expect(exportRequest("mp4", "r0c1")).toEqual({
      type: "export-grid",
      format: "mp4",
      audio: "r0c1",
    });
    expect(exportRequest("mp4", null).audio).toBeNull();
    expect(exportRequest("gif", "r0c1").audio).toBeNull();
    expect(exportRequest("webp", "r0c1").audio).toBeNull();
  });

  it("says beforehand what the file will sound like", () => {
    expect(soundNote("mp4", HEARD)).toBe("Sound from cfg_scale 0.8, the cell you hear.");
    expect(soundNote("mp4", null)).toBe("Silent: press a cell's Hear to put its sound in.");
    expect(soundNote("gif", HEARD)).toBe("A GIF has no sound.");
    expect(soundNote("webp", null)).toBe("A WebP has no sound.");
  });
});

describe("the export's line", () => {
  const state = (over: Partial<GridExport>): GridExport => ({
    phase: "exporting",
    format: "mp4",
    progress: 0,
    path: null,
    text: "",
    ...over,
  });

  it("counts whole percent while exporting, never 100 before done", () => {
    expect(exportLine(state({ progress: 0.426 }))).toBe(`${EXPORTING} 42 %`);
    expect(exportLine(state({ progress: 0 }))).toBe(`${EXPORTING} 0 %`);
    expect(percent(0.999)).toBe(99);
    expect(percent(1.2)).toBe(99);
    expect(percent(-1)).toBe(0);
    expect(percent(Number.NaN)).toBe(0);
  });

  it("gives the kernel's words once done or failed, and nothing before any export", () => {
    const done = "Exported grid.mp4 (1.2 MB, 5.0 s, sound from cfg_scale 0.8)";
    expect(exportLine(state({ phase: "done", progress: 1, path: "/x/grid.mp4", text: done }))).toBe(
      done,
    );
    expect(exportLine(state({ phase: "failed", text: "the encoder failed" }))).toBe(
      "the encoder failed",
    );
    expect(exportLine(undefined)).toBe("");
  });

  it("says why Export waits", () => {
    expect(exportBlocked(0, true)).toBe("Export needs a cell with a video.");
    expect(exportBlocked(2, false)).toBe("The kernel is gone: nothing can be exported.");
    expect(exportBlocked(1, true)).toBe("");
  });
});
