// The shapes the Painter shares with the Studio, and the vocabulary its parts use among themselves.

import type {
  Area,
  SelectThing,
  ShapePath,
  StudioReplies,
  TrackPath,
} from "../../generated/contract";
import type { Point } from "../../lib/geometry";

/** An area as the kernel keeps it (the contract's `Area`): the path in top-left image pixels,
 * at most the catalogue's `max_trajectory_points`; empty for the static area. */
export type PainterArea = Area;

export interface PainterCallbacks {
  /** An area's mask changed (debounced per area); null when nothing in it is painted any more. */
  onMask(areaId: string, png: Blob | null): void | Promise<void>;
  /** Visibility, painted flag or a path changed. */
  onAreas(areas: PainterArea[]): void;
  /** Something the person should fix before generating, or null when all is well. */
  onWarning(message: string | null): void;
  /** Asks the kernel to select into an area (every selection tool; `buffers`: a mask file's
   * bytes); resolves with its reply. */
  select(request: SelectThing, buffers?: ArrayBuffer[]): Promise<StudioReplies["select"]>;
  /** Asks the kernel to write every painted area's mask into a new folder. */
  exportMasks(): Promise<StudioReplies["export-masks"]>;
  /** Asks the kernel for a preset of a path (the path bar); the answer is not set yet. */
  shapePath(request: ShapePath): Promise<StudioReplies["shape-path"]>;
  /** Sends a video to the kernel's `clip` slot, reporting the share sent. */
  uploadClip(file: File, progress: (share: number) => void): Promise<StudioReplies["upload-end"]>;
  /** Asks the kernel to follow a point through the clip; the answer is not set yet. */
  trackPath(request: TrackPath): Promise<StudioReplies["track-path"]>;
}

/** A path preset (`kling_studio.paths.presets`), as `shape-path` names it. */
export type PathShape = ShapePath["shape"];

export type Tool =
  | "brush"
  | "eraser"
  | "select"
  | "colour"
  | "regions"
  | "lasso"
  | "path-freehand"
  | "path-click"
  | "pan";

/** The tools whose press asks the kernel to select (the stage shows a crosshair for them). */
export const SELECT_TOOLS: readonly Tool[] = ["select", "colour", "lasso"];
/** The tools drawn with the round brush (size and hardness apply). */
export const BRUSH_TOOLS: readonly Tool[] = ["brush", "eraser", "regions"];

/** The refine buttons, in the contract's words for the `select` request's tool. */
export type RefineTool = "grow" | "shrink" | "feather" | "fill-holes" | "invert";

export const PATH_TOOLS: readonly Tool[] = ["path-freehand", "path-click"];

/** An area as the painter keeps it: paths as points, the form the geometry helpers take. */
export interface AreaState {
  readonly id: string;
  readonly kind: "static" | "dynamic";
  readonly label: string;
  readonly colour: string;
  visible: boolean;
  painted: boolean;
  path: Point[];
}

/** An edit between press and release: a stroke, a click or box of the Select tool, a freehand
 * path, or a handle being dragged (`base`: the path when the drag began; `handles`: the handles
 * shown, which bound the drag). */
export type EditGesture =
  | { readonly kind: "paint" }
  | { readonly kind: "select" }
  | { readonly kind: "regions" }
  | {
      readonly kind: "path-draw";
      readonly areaId: string;
      readonly before: Point[];
      readonly points: Point[];
    }
  | {
      readonly kind: "path-drag";
      readonly areaId: string;
      readonly before: Point[];
      readonly base: readonly Point[];
      readonly handles: readonly number[];
      points: Point[];
      readonly index: number;
    };
