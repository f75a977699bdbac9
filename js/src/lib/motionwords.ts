// The motion check's numbers as a person reads them, in both widgets: a 0–100 score with a word,
// a direction as words and its angle, distances and rates as shares of the picture's diagonal,
// progress as a share of the path. Pure.

/** How a 0–100 score reads: the first row it reaches. */
export const SCORE_WORDS = [
  { atLeast: 80, word: "good" },
  { atLeast: 50, word: "fair" },
  { atLeast: Number.NEGATIVE_INFINITY, word: "poor" },
] as const;

export type ScoreWord = (typeof SCORE_WORDS)[number]["word"];

export function scoreWord(score: number): ScoreWord {
  return (SCORE_WORDS.find((row) => score >= row.atLeast) ?? SCORE_WORDS[2]).word;
}

/** "82 / 100, good". */
export function scoreText(score: number): string {
  return `${Math.round(score)} / 100, ${scoreWord(score)}`;
}

/** Which way a cosine between the asked and the seen displacement reads; the kernel's problem
 * words (`motion.check.AREA_RULES`) draw their lines at the same cosines. */
const DIRECTION_WORDS = [
  { atLeast: 0.7, words: "the way asked" },
  { atLeast: -0.5, words: "another way" },
  { atLeast: Number.NEGATIVE_INFINITY, words: "the other way" },
] as const;

/** "the way asked, 8° off (cosine 0.99)". */
export function directionWords(cosine: number): string {
  const clamped = Math.min(Math.max(cosine, -1), 1);
  const row = DIRECTION_WORDS.find((entry) => clamped >= entry.atLeast) ?? DIRECTION_WORDS[2];
  const degrees = Math.round((Math.acos(clamped) * 180) / Math.PI);
  return `${row.words}, ${degrees}° off (cosine ${clamped.toFixed(2)})`;
}

/** A share as a percentage: one decimal under 10 %, whole above ("0.4 %", "12 %"). */
export function percent(share: number): string {
  const value = share * 100;
  const shown = Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0);
  return `${shown === "-0.0" ? "0.0" : shown} %`;
}

/** "2.1 % of the picture's diagonal". */
export function diagonalWords(share: number): string {
  return `${percent(share)} of the picture's diagonal`;
}

/** "0.3 % of the picture's diagonal a second". */
export function rateWords(sharePerSecond: number): string {
  return `${diagonalWords(sharePerSecond)} a second`;
}

/** "95 % of the way along". */
export function progressWords(share: number): string {
  return `${percent(share)} of the way along`;
}
