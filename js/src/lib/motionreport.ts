// What the Studio's motion panel says about a motion check, worked out apart from the DOM: the
// line announced as it changes (measuring, failed, the overall score), the overall facts, and
// one part per dynamic area, the static area and the camera, each as term–detail pairs (a
// definition list reads them in order). Pure.

import type { AreaCheck, CameraCheck, MotionCheck, StaticCheck } from "../generated/contract";
import { diagonalWords, directionWords, progressWords, rateWords, scoreText } from "./motionwords";

export interface Fact {
  readonly term: string;
  readonly detail: string;
  /** What went wrong (styled apart, and said last). */
  readonly problem?: true;
}

export interface PartReport {
  /** Stable within a check, safe in a test id: "area-dynamic-1", "static", "camera". */
  readonly id: string;
  readonly title: string;
  readonly score: number;
  /** A dynamic area's name (the painter's label, which gives its colour); null for the rest. */
  readonly area: string | null;
  readonly facts: readonly Fact[];
}

export interface MotionReport {
  readonly state: MotionCheck["state"];
  /** The line announced when it changes: once measured, the headline (the overall score and
   * the verdict), which the facts below do not repeat. */
  readonly status: string;
  readonly score: number | null;
  readonly facts: readonly Fact[];
  readonly parts: readonly PartReport[];
}

export const MEASURING = "Measuring the motion…";

function slug(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-") || "area"
  );
}

function problemFact(problem: string): Fact[] {
  return problem ? [{ term: "Problem", detail: problem, problem: true }] : [];
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

function areaPart(area: AreaCheck): PartReport {
  const lost =
    area.lost_at === null ? [] : [{ term: "Lost", detail: `at ${seconds(area.lost_at)}` }];
  return {
    id: `area-${slug(area.name)}`,
    title: area.name,
    score: area.score,
    area: area.name,
    facts: [
      { term: "Score", detail: scoreText(area.score) },
      { term: "Distance", detail: `${diagonalWords(area.distance)} from the path, on average` },
      { term: "Direction", detail: directionWords(area.direction) },
      { term: "Progress", detail: progressWords(area.progress) },
      ...lost,
      ...problemFact(area.problem),
    ],
  };
}

function staticPart(still: StaticCheck): PartReport {
  return {
    id: "static",
    title: "Static area",
    score: still.score,
    area: null,
    facts: [
      { term: "Stillness", detail: scoreText(still.score) },
      { term: "Motion inside", detail: rateWords(still.inside) },
      { term: "Motion outside", detail: rateWords(still.outside) },
      ...problemFact(still.problem),
    ],
  };
}

/** A zoom's amount is on a log scale, any other move's a share of the diagonal over the clip. */
function amountWords(camera: CameraCheck): string {
  if (/^zoom/i.test(camera.seen)) return `${camera.amount.toFixed(2)} on a log scale`;
  return `${diagonalWords(camera.amount)} over the clip`;
}

function cameraPart(camera: CameraCheck): PartReport {
  return {
    id: "camera",
    title: "Camera",
    score: camera.score,
    area: null,
    facts: [
      { term: "Score", detail: scoreText(camera.score) },
      { term: "Asked", detail: camera.asked || "no move (it should stay put)" },
      { term: "Seen", detail: camera.seen || "–" },
      { term: "Amount", detail: amountWords(camera) },
      ...problemFact(camera.problem),
    ],
  };
}

function statusLine(check: MotionCheck): string {
  if (check.state === "measuring") return MEASURING;
  if (check.state === "failed") {
    return check.error
      ? `The motion could not be measured: ${check.error}`
      : "The motion could not be measured.";
  }
  if (check.score === null) return `Motion measured: ${check.verdict}`;
  return `Motion score ${scoreText(check.score)}: ${check.verdict}`;
}

export function motionReport(check: MotionCheck): MotionReport {
  const status = statusLine(check);
  if (check.state !== "done") {
    return { state: check.state, status, score: null, facts: [], parts: [] };
  }
  const skipped = check.error ? [{ term: "Not measured", detail: check.error }] : [];
  const facts: Fact[] = [
    { term: "Measured against", detail: check.intent },
    ...skipped,
    { term: "Took", detail: seconds(check.seconds) },
  ];
  const parts = [
    ...check.areas.map(areaPart),
    ...(check.static ? [staticPart(check.static)] : []),
    ...(check.camera ? [cameraPart(check.camera)] : []),
  ];
  return { state: "done", status, score: check.score, facts, parts };
}

/** Compare's short line under a cell's video: "Motion 82 / 100, good", or where it is. */
export function motionBrief(check: MotionCheck): string {
  if (check.state === "measuring") return "Motion: measuring…";
  if (check.state === "failed") return "Motion: not measured";
  return check.score === null ? "Motion: measured" : `Motion ${scoreText(check.score)}`;
}

/** Compare's problem line: the verdict when a part went wrong, the error when it failed. */
export function motionProblem(check: MotionCheck): string {
  if (check.state === "failed") return check.error;
  if (check.state !== "done") return "";
  const wrong = [...check.areas, check.static, check.camera].some((part) => part?.problem);
  return wrong ? check.verdict : "";
}
