import { describe, expect, it } from "vitest";
import type { Catalogue } from "../generated/contract";
import {
  durationDocumented,
  durationLabel,
  sent,
  undocumentedNote,
  undocumentedSent,
} from "./documented";

/** Only what these functions read; the rest of the catalogue does not matter here. */
function catalogue(documented: Catalogue["documented"], provider = "CometAPI"): Catalogue {
  return { provider, documented } as Catalogue;
}

const COMET = catalogue({
  image2video: {
    durations: ["5", "10"],
    undocumented: ["element_list", "multi_prompt", "multi_shot", "shot_type", "sound"],
  },
  "multi-image2video": { durations: ["5", "10"], undocumented: [] },
});
const KLING = catalogue(
  {
    image2video: { durations: null, undocumented: [] },
  },
  "Kling",
);

describe("durations", () => {
  it("are marked where the provider's page for the route does not list them", () => {
    expect(durationLabel(COMET, "image2video", "5")).toBe("5 s");
    expect(durationLabel(COMET, "image2video", "7")).toBe("7 s — not documented on CometAPI");
    expect(durationLabel(KLING, "image2video", "7")).toBe("7 s");
    expect(durationDocumented(KLING, "a route it has no page for", "7")).toBe(true);
  });
});

describe("fields the provider does not document", () => {
  it("are named only when the request carries them", () => {
    expect(undocumentedSent(COMET, "image2video", {})).toEqual([]);
    expect(undocumentedSent(COMET, "image2video", { sound: "off", multi_prompt: [] })).toEqual([]);
    const shots = [{ index: 1, prompt: "a", duration: "5" }];
    expect(
      undocumentedSent(COMET, "image2video", {
        sound: "on",
        multi_shot: true,
        shot_type: "customize",
        multi_prompt: shots,
        element_list: [{ element_id: "" }], // a row as made is sent as made
      }),
    ).toEqual(["element_list", "multi_prompt", "multi_shot", "shot_type", "sound"]);
    expect(
      undocumentedSent(COMET, "image2video", {
        multi_shot: true,
        shot_type: "intelligence",
        multi_prompt: shots,
      }),
    ).toEqual(["multi_shot", "shot_type"]); // intelligence sends no shots
    expect(undocumentedSent(KLING, "image2video", { sound: "on" })).toEqual([]);
    expect(undocumentedNote(COMET)).toBe("not documented on CometAPI — sent as is");
  });

  it("reads what is sent as the kernel does", () => {
    expect(sent({ multi_shot: false, shot_type: "customize" }, "shot_type")).toBe(false);
    expect(sent({ multi_shot: true }, "multi_prompt")).toBe(false); // no shots yet
    expect(sent({ cfg_scale: 0 }, "cfg_scale")).toBe(true);
    expect(sent({ cfg_scale: null }, "cfg_scale")).toBe(false);
    expect(sent({ prompt: "" }, "prompt")).toBe(false);
    expect(sent({ prompt: "a" }, "prompt")).toBe(true);
  });
});
