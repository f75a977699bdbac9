import { describe, expect, it } from "vitest";
import type { Area, Carried } from "../generated/contract";
import {
  carriedOf,
  NO_PHRASE,
  NOTHING_CARRIED,
  offersEndFrame,
  type PhraseState,
  phraseAdded,
  phraseOffered,
  phraseSent,
} from "./carry";

function area(changes: Partial<Area> = {}): Area {
  return {
    id: "dynamic-1",
    kind: "dynamic",
    label: "dynamic 1",
    colour: "#e53935",
    visible: true,
    painted: false,
    path: [],
    ...changes,
  };
}

const OFF = { enabled: false, reason: "not on kling-v2-6; it is on kling-v1 …" };

describe("offersEndFrame", () => {
  it("offers where the model cannot take the brush and something is painted", () => {
    expect(offersEndFrame(OFF, [area({ painted: true })])).toBe(true);
    expect(offersEndFrame(OFF, [area({ path: [[1, 2]] })])).toBe(true);
  });

  it("offers nothing on a model that takes the brush, or with nothing painted", () => {
    expect(offersEndFrame({ enabled: true, reason: "" }, [area({ painted: true })])).toBe(false);
    expect(offersEndFrame(undefined, [area({ painted: true })])).toBe(false);
    expect(offersEndFrame(OFF, [area()])).toBe(false);
    expect(offersEndFrame(OFF, [])).toBe(false);
  });
});

describe("carriedOf", () => {
  it("fills what a starting kernel has not sent", () => {
    expect(carriedOf(undefined)).toEqual(NOTHING_CARRIED);
    expect(carriedOf({ camera_phrase: "the camera pans left" })).toEqual({
      ...NOTHING_CARRIED,
      camera_phrase: "the camera pans left",
    });
  });
});

describe("the camera phrase", () => {
  const ZOOM = "the camera slowly zooms in";
  const PAN = "the camera pans left";
  const carried = (camera_phrase: string, camera_phrase_in_prompt: boolean): Carried => ({
    ...NOTHING_CARRIED,
    camera_phrase,
    camera_phrase_in_prompt,
  });
  const through = (state: PhraseState, ...steps: [string, boolean][]) =>
    steps.reduce(
      (s, [phrase, inPrompt]) => phraseOffered(s, carried(phrase, inPrompt), false),
      state,
    );

  it("counts as added once the words are in the prompt, for the move offered then", () => {
    const offered = through(NO_PHRASE, [ZOOM, false]);
    expect(phraseAdded(offered)).toBe(false);
    const added = through(offered, [ZOOM, true]);
    expect(added.addedFor).toBe(ZOOM);
    expect(phraseAdded(added)).toBe(true);
    expect(phraseAdded(phraseSent(added, ZOOM))).toBe(true);
  });

  it("takes words already in the prompt when the view is drawn as the offer's", () => {
    expect(phraseAdded(through(NO_PHRASE, [ZOOM, true]))).toBe(true);
  });

  it("offers a new move again, though the earlier words stay in the prompt", () => {
    const moved = through(NO_PHRASE, [ZOOM, false], [ZOOM, true], [PAN, true]);
    expect(moved.addedFor).toBe(ZOOM);
    expect(phraseAdded(moved)).toBe(false);
    expect(phraseAdded(through(moved, [PAN, true]))).toBe(false); // still the zoom's words
  });

  it("lets edited words be added again, and forgets words taken out of the prompt", () => {
    const added = through(NO_PHRASE, [ZOOM, true]);
    const edited = { ...added, edited: true };
    expect(phraseAdded(edited)).toBe(false);
    expect(phraseAdded(phraseSent(edited, ZOOM))).toBe(true);
    const removed = through(added, [ZOOM, false]);
    expect(removed.addedFor).toBeNull();
    expect(phraseAdded(removed)).toBe(false);
  });

  it("keeps the person's edits while the offer stays, and counts a box typed in as edited", () => {
    const edited = { ...through(NO_PHRASE, [ZOOM, false]), edited: true };
    expect(through(edited, [ZOOM, false]).edited).toBe(true);
    expect(through(edited, [PAN, false]).edited).toBe(false); // refilled with the new offer
    expect(phraseOffered(edited, carried(PAN, false), true).edited).toBe(true); // typing: kept
  });
});
