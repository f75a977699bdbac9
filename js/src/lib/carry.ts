// The brush and the camera move carried to a model that cannot take them (the kernel's
// `carried` trait, widgets/carrying.py), in the view's terms: when the Studio offers to send the
// brush as an end frame, and whether the camera move's words count as added to the prompt. Pure.

import type { Area, Carried, Control } from "../generated/contract";

/** What is carried before the kernel has worked anything out (the trait starts as `{}`). */
export const NOTHING_CARRIED: Carried = {
  end_frame: { enabled: false, reason: "" },
  end_frame_in_use: false,
  camera_phrase: "",
  camera_phrase_in_prompt: false,
};

/** The trait with every part there, whatever a starting kernel has sent so far. */
export function carriedOf(value: Partial<Carried> | undefined): Carried {
  return { ...NOTHING_CARRIED, ...value };
}

/**
 * Whether "Send the brush as an end frame" is offered: the chosen model cannot take the brush
 * (its control is off) and something was painted to carry. Whether it can be done now is the
 * kernel's `end_frame` control, enabled or with the reason why not (no end frame on this model,
 * no path drawn yet…); on a model that takes the brush it goes as it is, so nothing is offered.
 */
export function offersEndFrame(brush: Control | undefined, areas: readonly Area[]): boolean {
  return brush?.enabled === false && areas.some((area) => area.painted || area.path.length > 0);
}

/** The camera phrase box's words and what became of them. */
export interface PhraseState {
  /** The phrase the kernel offers now ("" when none). */
  offered: string;
  /** The prompt holds the words added last (the kernel's `camera_phrase_in_prompt`). */
  inPrompt: boolean;
  /** The offer those words were added for; null when none are in the prompt. */
  addedFor: string | null;
  /** The box was typed in since its words were filled in or added. */
  edited: boolean;
}

export const NO_PHRASE: PhraseState = {
  offered: "",
  inPrompt: false,
  addedFor: null,
  edited: false,
};

/**
 * The state after the kernel's `carried` changed. The kernel says that the prompt holds the
 * words added last, not for which move: words that arrive in the prompt (added here, or from
 * Python, or there when the view was drawn) count as the offer's of that moment, and words that
 * leave the prompt are forgotten. A new offer (the camera changed) is not the one added, so it
 * can be added in its turn. `typing`: the person is in the box, which keeps what they wrote
 * (and counts as edited) when the offer changes.
 */
export function phraseOffered(state: PhraseState, carried: Carried, typing: boolean): PhraseState {
  const offered = carried.camera_phrase;
  const inPrompt = carried.camera_phrase_in_prompt;
  let addedFor = state.addedFor;
  if (!inPrompt) addedFor = null;
  else if (!state.inPrompt) addedFor = offered;
  const edited = offered === state.offered ? state.edited : typing;
  return { offered, inPrompt, addedFor, edited };
}

/** The box's words were just added to the prompt (the kernel's reply): they stand for `offer`. */
export function phraseSent(state: PhraseState, offer: string): PhraseState {
  return { ...state, addedFor: offer, edited: false };
}

/** Whether the box's words are in the prompt as they stand: added for the move offered now, and
 * not edited since (edited words can be added again). */
export function phraseAdded(state: PhraseState): boolean {
  return (
    state.inPrompt && state.offered !== "" && state.addedFor === state.offered && !state.edited
  );
}
