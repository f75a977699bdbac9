import { describe, expect, it } from "vitest";
import {
  afterVolumeChange,
  HEAR,
  hearName,
  isMuted,
  offersSound,
  type SoundCell,
  stillHeard,
  toggled,
} from "./sound";

const LOUD: SoundCell = { id: "r0c1", label: "cfg_scale 0.8", sound: true };
const QUIET: SoundCell = { id: "r0c0", label: "cfg_scale 0.3", sound: false };

describe("who is heard", () => {
  it("solos the pressed cell, and silences it when pressed again", () => {
    expect(toggled(null, "r0c1")).toBe("r0c1");
    expect(toggled("r0c1", "r0c2")).toBe("r0c2"); // one at a time: the other goes quiet
    expect(toggled("r0c2", "r0c2")).toBeNull();
  });

  it("mutes every video but the heard one", () => {
    expect(["r0c0", "r0c1", "r0c2"].map((id) => isMuted("r0c1", id))).toEqual([true, false, true]);
    expect(["r0c0", "r0c1"].map((id) => isMuted(null, id))).toEqual([true, true]);
  });

  it("keeps the heard cell while it is there with sound, in any order", () => {
    const other = { ...LOUD, id: "r0c2" };
    expect(stillHeard("r0c1", [other, QUIET, LOUD])).toBe("r0c1");
    expect(stillHeard("r0c1", [other, QUIET])).toBeNull(); // the cell is gone
    expect(stillHeard("r0c1", [{ ...LOUD, sound: false }])).toBeNull();
    expect(stillHeard(null, [LOUD])).toBeNull();
  });

  it("follows a muting it did not make, and ignores its own", () => {
    expect(afterVolumeChange("r0c1", "r0c1", false)).toBe("r0c1"); // the view unmuted it
    expect(afterVolumeChange("r0c1", "r0c0", true)).toBe("r0c1"); // the view muted another
    expect(afterVolumeChange("r0c1", "r0c1", true)).toBeNull(); // the browser refused its sound
    expect(afterVolumeChange("r0c1", "r0c2", false)).toBe("r0c2"); // unmuted elsewhere: solo
  });
});

describe("the Hear toggle", () => {
  it("is offered on a cell with sound once its video is here", () => {
    expect(offersSound(LOUD, true)).toBe(true);
    expect(offersSound(LOUD, false)).toBe(false);
    expect(offersSound(QUIET, true)).toBe(false);
  });

  it("names the cell it lets the person hear, its visible word first", () => {
    expect(hearName(LOUD)).toBe("Hear cfg_scale 0.8");
    expect(hearName(LOUD).startsWith(HEAR)).toBe(true);
    expect(hearName({ ...LOUD, label: "" })).toBe("Hear r0c1");
  });
});
