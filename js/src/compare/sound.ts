// Which cell is heard. Every video plays muted but one at most: the person solos a cell whose
// request asked for sound, and pressing it again silences it. The choice is the view's (another
// view of the same widget may listen to another cell), kept by cell id, so it outlives cards
// that move (Sort by) and videos that arrive or are replaced. Pure.

/** The cell heard, by id; null: none. */
export type Heard = string | null;

/** What of a cell the sound rules read (the contract's `Cell` has these). */
export interface SoundCell {
  readonly id: string;
  readonly label: string;
  readonly sound: boolean;
}

/** The person pressed cell `id`'s toggle: it is heard alone, or, heard already, silenced. */
export function toggled(heard: Heard, id: string): Heard {
  return heard === id ? null : id;
}

/** Whom to hear once the cells changed: the same cell while it is there and has sound. */
export function stillHeard(heard: Heard, cells: readonly SoundCell[]): Heard {
  return cells.some((cell) => cell.id === heard && cell.sound) ? heard : null;
}

/**
 * After cell `id`'s video became `muted` or not. The view's own writes agree with `heard`, so
 * they change nothing; anything else is followed: a browser muting the heard video (it refused
 * to play its sound) leaves no cell heard, one unmuted from elsewhere (the video's own menu) is
 * heard alone.
 */
export function afterVolumeChange(heard: Heard, id: string, muted: boolean): Heard {
  if (muted) return heard === id ? null : heard;
  return id;
}

/** Whether cell `id`'s video plays muted. */
export function isMuted(heard: Heard, id: string): boolean {
  return heard !== id;
}

/** Whether the cell offers its sound: it asked for sound and its video is here to play it. */
export function offersSound(cell: SoundCell, hasVideo: boolean): boolean {
  return cell.sound && hasVideo;
}

/** The toggle's visible word: it stays the same, pressed or not (aria-pressed says which). */
export const HEAR = "Hear";

/** The toggle's name for assistive technology: which cell it lets the person hear. */
export function hearName(cell: SoundCell): string {
  return `${HEAR} ${cell.label || cell.id}`;
}

/** The toggle's hint (its title), in either state. */
export function hearHint(pressed: boolean): string {
  return pressed
    ? "Heard: the other cells are muted. Press again to mute it."
    : "Hear this cell alone: the other cells are muted.";
}
