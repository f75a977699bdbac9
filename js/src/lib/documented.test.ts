import { describe, expect, it } from "vitest";
import type { Catalogue } from "../generated/contract";
import { durationDocumented, durationLabel } from "./documented";

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
