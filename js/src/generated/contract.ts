// Generated from src/kling_studio/widgets/contract.py by js/contract.mjs: do not edit.
// Change the Python side, then run `npm run contract` (`npm run contract:check` fails while
// this file is stale).

export type StudioToKernel =
  | Hello
  | UploadBegin
  | UploadChunk
  | UploadEnd
  | FetchUrl
  | MaskPainted
  | RemovePicture
  | Generate
  | StopWaiting
  | Resume
  | Dismiss
  | Play;
export type CompareToKernel = Hello | Start | Retry | MakeContactSheet;
export type ToBrowser = Media | Beat;

/**
 * Everything that crosses the comm, by widget and direction.
 */
export interface Contract {
  studio_traits: StudioTraits;
  compare_traits: CompareTraits;
  studio_to_kernel: StudioToKernel;
  compare_to_kernel: CompareToKernel;
  to_browser: ToBrowser;
}
export interface StudioTraits {
  kind: "image2video" | "multi-image2video";
  params: Params;
  areas: Area[];
  pictures: {
    [k: string]: PictureMeta;
  };
  multi_order: string[];
  catalogue: Catalogue;
  controls: Controls;
  problems: Problem[];
  units: number | null;
  status: Status;
  history: Run[];
  resumable: ResumableTask[];
  spend: Spend;
  /**
   * The kind of service ("CometAPI", "the local emulator"…), never its address.
   */
  provider: string;
  emulated: boolean;
}
/**
 * Every request parameter the Studio's form edits, under the request's own names
 * (`Studio(**params)` takes the same keys).
 */
export interface Params {
  model_name?: string;
  mode?: string;
  duration?: string;
  cfg_scale?: number | null;
  prompt?: string;
  negative_prompt?: string;
  sound?: ("on" | "off") | null;
  voice_list?: Voice[];
  watermark_info?: WatermarkInfo | null;
  external_task_id?: string;
  camera_control?: CameraControl | null;
  aspect_ratio?: string;
}
export interface Voice {
  voice_id: string;
}
export interface WatermarkInfo {
  enabled: boolean;
}
/**
 * The request's `camera_control`; `config` maps each of the catalogue's
 * `camera_axes` to an amount within ±`camera_limit` (`simple` only).
 */
export interface CameraControl {
  type: string;
  config?: {
    [k: string]: number;
  } | null;
}
/**
 * A painted area: the static one, or a dynamic one with its path in top-left image
 * pixels (at most the catalogue's `max_trajectory_points`). Masks travel as binary.
 */
export interface Area {
  id: string;
  kind: "static" | "dynamic";
  label: string;
  colour: string;
  visible: boolean;
  painted: boolean;
  path: [number, number][];
}
/**
 * A picture in a slot (`image`, `tail`, `multi-N`); its bytes travel as `media`.
 */
export interface PictureMeta {
  name: string;
  width: number;
  height: number;
  bytes: number;
  notes: string[];
  version: number;
}
/**
 * Every choice and limit the front end offers, from the capability table; it hard-codes
 * none of them.
 */
export interface Catalogue {
  models: ModelInfo[];
  default_model: string;
  multi_image_models: string[];
  aspect_ratios: string[];
  default_aspect_ratio: string;
  camera_types: string[];
  camera_axes: string[];
  camera_limit: number;
  max_dynamic_masks: number;
  max_trajectory_points: number;
  cfg_scale_min: number;
  cfg_scale_max: number;
  min_multi_images: number;
  max_multi_images: number;
  prompt_limit: number;
  negative_prompt_limit: number;
  /**
   * A mask pixel counts as painted when its alpha is above this (`masks.MASK_THRESHOLD`).
   */
  mask_threshold: number;
}
/**
 * One model of the capability table, as the form offers it.
 */
export interface ModelInfo {
  name: string;
  modes: string[];
  durations: string[];
  single_tier: boolean;
  /**
   * Frames per second of the videos it renders (frame steps and readouts use it).
   */
  fps: number;
  height: {
    [k: string]: number;
  };
  confidence: string;
}
/**
 * Control → whether it is usable now, from the rule table (keys are request fields, or
 * `motion_brush` and `generate`).
 */
export interface Controls {
  generate?: Control;
  image_tail?: Control;
  motion_brush?: Control;
  camera_control?: Control;
  sound?: Control;
  voice_list?: Control;
  cfg_scale?: Control;
  mode?: Control;
}
/**
 * Whether a control is usable for the current selection, and if not, why.
 */
export interface Control {
  enabled: boolean;
  reason: string;
}
/**
 * A rule the request breaks, named by the request field it is about.
 */
export interface Problem {
  field: string;
  rule: string;
  value: string | null;
  severity: "error" | "capability" | "warning";
  text: string;
}
/**
 * Where the Studio's work is; the task's ids as soon as they are known.
 */
export interface Status {
  phase:
    | "idle"
    | "uploading"
    | "preparing"
    | "submitted"
    | "processing"
    | "downloading"
    | "resuming"
    | "succeed"
    | "failed"
    | "error"
    | "stopped"
    | "over-budget";
  /**
   * Kling's id, once the create is answered.
   */
  task_id?: string | null;
  /**
   * Ours, chosen before the create is sent: it finds the task if the answer is lost.
   */
  external_id?: string | null;
  elapsed?: number;
  queued_for?: number;
  processing_for?: number | null;
  eta?: number | null;
  progress?: number;
  message?: string;
  advice?: string;
  problems?: Problem[];
}
/**
 * A saved run in the history.
 */
export interface Run {
  id: string;
  task_id: string;
  external_id: string | null;
  /**
   * Picked up from an earlier session rather than generated here.
   */
  resumed: boolean;
  path: string;
  sidecar: string;
  units: string | null;
  seconds: number;
  params: {
    [k: string]: string | number | boolean | null;
  };
}
/**
 * A task an earlier session (or a stopped wait) left unfinished or unsaved.
 */
export interface ResumableTask {
  external_id: string;
  task_id: string | null;
  status: string;
  model: string;
  mode: string;
  duration: string;
  prompt: string;
  /**
   * Unix seconds.
   */
  created_at: number;
  estimate: number | null;
  /**
   * Created before this Studio was: by an earlier kernel, or elsewhere.
   */
  earlier: boolean;
}
/**
 * This run's estimate next to today's spend and the budget.
 */
export interface Spend {
  /**
   * None when the form makes no valid run.
   */
  run: number | null;
  today: number;
  budget: number | null;
  left: number | null;
  /**
   * The run would take today's spend past the budget.
   */
  over: boolean;
  emulated: boolean;
}
export interface CompareTraits {
  axes: Axes;
  cells: Cell[];
  summary: Summary;
}
export interface Axes {
  rows: Axis | null;
  columns: Axis | null;
}
export interface Axis {
  name: string;
  values: string[];
}
export interface Cell {
  id: string;
  row: number | null;
  column: number | null;
  label: string;
  differs: {
    [k: string]: string;
  };
  status: "planned" | "queued" | "submitted" | "processing" | "succeed" | "failed" | "unsupported";
  reason: string;
  elapsed: number | null;
  units: string | null;
  estimate: number | null;
  task_id: string | null;
  has_video: boolean;
  path: string | null;
  /**
   * Frames per second of the cell's model (None for a model the capability table lacks).
   */
  fps: number | null;
}
export interface Summary {
  tasks: number;
  units: number;
  unsupported: number;
  warnings: string[];
  max_units: number | null;
  over_budget: boolean;
  phase: "planned" | "running" | "done" | "refused";
  provider: string;
  emulated: boolean;
  /**
   * The sweep's own folder, where its videos go (made fresh for each sweep).
   */
  folder: string;
  /**
   * Why a click changed nothing (over budget, already running, no video for a sheet).
   */
  message?: string;
  /**
   * Where the latest contact sheet was written; its PNG arrives as `media`.
   */
  contact_sheet?: string;
}
/**
 * A view rendered: send it the media it shows.
 */
export interface Hello {
  type: "hello";
}
export interface UploadBegin {
  type: "upload-begin";
  id: string;
  /**
   * `image`, `tail`, or `multi` (the next free multi-image slot).
   */
  slot: string;
  name: string;
  size: number;
}
/**
 * With one buffer: the chunk's bytes (4 MiB at most).
 */
export interface UploadChunk {
  type: "upload-chunk";
  id: string;
  index: number;
}
export interface UploadEnd {
  type: "upload-end";
  id: string;
}
export interface FetchUrl {
  type: "fetch-url";
  slot: string;
  url: string;
}
/**
 * With one buffer, the area's mask as PNG (paint in alpha); with none, the area is empty.
 */
export interface MaskPainted {
  type: "mask";
  area: string;
}
export interface RemovePicture {
  type: "remove";
  slot: string;
}
export interface Generate {
  type: "generate";
  allow_over_budget: boolean;
}
export interface StopWaiting {
  type: "stop";
}
export interface Resume {
  type: "resume";
}
export interface Dismiss {
  type: "dismiss";
}
export interface Play {
  type: "play";
  run: string;
}
export interface Start {
  type: "start";
  confirm: boolean;
}
export interface Retry {
  type: "retry";
  cell: string;
}
export interface MakeContactSheet {
  type: "contact-sheet";
}
/**
 * With one buffer: a picture (`image`, `tail`, `multi-N`), a mask (`mask:<area>`,
 * PNG; `clear` with an empty buffer), a thumbnail (`thumb:<run>`, JPEG), the Studio's video
 * (`video`, with `run` and `path`), a cell's video (`video:<cell>`) or the contact
 * sheet (`contact-sheet`, PNG, with `path`).
 */
export interface Media {
  type: "media";
  slot: string;
  clear?: boolean;
  run?: string;
  path?: string;
}
/**
 * Every couple of seconds while a widget works: the kernel is still there.
 */
export interface Beat {
  type: "beat";
}
