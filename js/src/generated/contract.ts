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
  | SelectThing
  | ShapePath
  | TrackPath
  | ExportMasks
  | MakeEndFrame
  | UseEndFrame
  | AddCameraPhrase
  | RemovePicture
  | FixPicture
  | UndoPicture
  | Generate
  | StopWaiting
  | Resume
  | Dismiss
  | Play
  | UseRun
  | RemoveRun
  | VideoBytes;
export type CompareToKernel = Hello | Start | Retry | MakeContactSheet | ExportGridAsked;
export type ToBrowser = Media | Beat | Live;

/**
 * Everything that crosses the comm, by widget and direction.
 */
export interface Contract {
  studio_traits: StudioTraits;
  compare_traits: CompareTraits;
  studio_to_kernel: StudioToKernel;
  compare_to_kernel: CompareToKernel;
  to_browser: ToBrowser;
  studio_replies: StudioReplies;
  compare_replies: CompareReplies;
  command: Command;
  command_response: CommandResponse;
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
  carried: Carried;
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
  /**
   * Rows as the person made them, an empty id included (the rules name it).
   */
  voice_list?: Voice[];
  element_list?: Element[];
  multi_shot?: boolean;
  shot_type?: ("customize" | "intelligence") | null;
  /**
   * Kept while multi-shot is off or the model has none; sent only with `customize`.
   */
  multi_prompt?: Shot[];
  watermark_info?: WatermarkInfo | null;
  external_task_id?: string;
  camera_control?: CameraControl | null;
  aspect_ratio?: string;
}
export interface Voice {
  voice_id: string;
}
export interface Element {
  element_id: string;
}
/**
 * One shot of a kling-v3 multi-shot video, as `multi_prompt` carries it: its 1-based
 * position, its prompt and its whole seconds (a string, as the wire writes durations).
 */
export interface Shot {
  index: number;
  prompt: string;
  duration: string;
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
  problems: PictureProblem[];
  /**
   * What `undo-picture` would undo ("Crop to 2.5:1", "the new picture"), or None.
   */
  undo: string | null;
  /**
   * What this picture did to the paint on the start frame it replaced: scaled it onto
   * itself (same shape), or cleared it (another shape; `undo-picture` brings it back). None
   * when there was no paint to carry.
   */
  paint: ("scaled" | "cleared") | null;
}
/**
 * What Kling would refuse a picture for, said when it arrives.
 */
export interface PictureProblem {
  rule: "min_side" | "aspect";
  text: string;
  fixes: PictureFix[];
}
/**
 * A one-click fix for a picture problem.
 */
export interface PictureFix {
  id: "crop" | "pad" | "upscale";
  label: string;
  /**
   * What the person gives up by taking it.
   */
  warning: string;
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
  /**
   * What Kling uses when cfg_scale is not sent: where the slider rests.
   */
  cfg_scale_default: number;
  /**
   * Larger pictures are refused in the browser, before a byte is sent.
   */
  max_upload_bytes: number;
  min_multi_images: number;
  max_multi_images: number;
  prompt_limit: number;
  negative_prompt_limit: number;
  /**
   * A mask pixel counts as painted when its alpha is above this (`masks.MASK_THRESHOLD`).
   */
  mask_threshold: number;
  shot_types: string[];
  max_shots: number;
  max_shot_prompt: number;
  min_shot_seconds: number;
  max_voices: number;
  max_elements: number;
  /**
   * The provider as a person names it ("CometAPI", "Kling"); never its address.
   */
  provider: string;
  /**
   * Whether what the provider does not document is refused (True) or sent as is.
   */
  strict: boolean;
  /**
   * Per route ("image2video", "multi-image2video").
   */
  documented: {
    [k: string]: DocumentedRoute;
  };
  selection: SelectionLimits;
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
  /**
   * The camera_control types it takes ("simple", presets); empty when it has no camera.
   */
  camera_types: string[];
  /**
   * It makes multi-shot videos (`multi_shot`, `shot_type`, `multi_prompt`).
   */
  multi_shot: boolean;
  element_list: boolean;
}
/**
 * What the provider's page for one route documents.
 */
export interface DocumentedRoute {
  /**
   * The durations it lists (None: whatever the model's row says).
   */
  durations: string[] | null;
  /**
   * Request fields it does not document: sent as is only when the client is not strict.
   */
  undocumented: string[];
}
/**
 * The painter's selection and path tools' ranges and starting values.
 */
export interface SelectionLimits {
  tolerance_max: number;
  tolerance_default: number;
  refine_max_px: number;
  refine_default_px: number;
  arc_bend_default: number;
  /**
   * Larger clips are refused in the browser, before a byte is sent.
   */
  max_clip_bytes: number;
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
  element_list?: Control;
  multi_shot?: Control;
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
  /**
   * The words beside the control when the rule says more than it needs (a kept note: "kept,
   * not sent with kling-v2-1 pro 5 s"; the control's own reason says where the feature is).
   */
  brief?: string;
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
  /**
   * Real seconds since Generate; `queued_for + processing_for` never exceeds it.
   */
  elapsed?: number;
  queued_for?: number;
  processing_for?: number | null;
  eta?: number | null;
  /**
   * How many times faster than real time the service runs: the emulator's speed, 1 on
   * Kling. Every figure above is in real seconds whatever this is.
   */
  clock_speed?: number;
  progress?: number;
  /**
   * What happens now, or (on an error) a plain headline.
   */
  message?: string;
  /**
   * What to do about an error, said once.
   */
  advice?: string;
  /**
   * An error's code, HTTP status and request id: what support asks for.
   */
  details?: string;
  problems?: Problem[];
}
/**
 * A saved run in the history.
 */
export interface Run {
  prompt: string;
  /**
   * Unix seconds when the video was saved.
   */
  finished_at: number;
  /**
   * Its settings, pictures and paint are kept: "Use these settings" brings them back.
   */
  restorable: boolean;
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
  /**
   * The motion check, when the request asked for motion (a brush or a camera move).
   */
  motion: MotionCheck | null;
}
/**
 * Did the result move as asked: a score per part, one overall, and a line saying what went
 * wrong.
 */
export interface MotionCheck {
  state: "measuring" | "done" | "failed";
  /**
   * 0–100: the lowest part's score (a clip is as good as its worst-followed part).
   */
  score: number | null;
  /**
   * One line: "followed the brush", or what went wrong, part by part.
   */
  verdict: string;
  areas: AreaCheck[];
  static: StaticCheck | null;
  camera: CameraCheck | null;
  /**
   * The picture's width and height: the frame the points above are in.
   */
  picture: number[];
  /**
   * What was measured against: "the brush", "the brush sent as an end frame", "the camera
   * sent as words".
   */
  intent: string;
  /**
   * How long the analysis took.
   */
  seconds: number;
  error: string;
}
/**
 * One dynamic area: where it was asked to go and where it went, in the picture's pixels
 * (top-left origin).
 */
export interface AreaCheck {
  /**
   * The control's name: "dynamic 1".
   */
  name: string;
  /**
   * 0–100, from the three parts below.
   */
  score: number;
  /**
   * Mean distance from the requested path at the same moments, a share of the diagonal.
   */
  distance: number;
  /**
   * Cosine between the requested and the measured overall displacement, −1 … 1.
   */
  direction: number;
  /**
   * How far along the requested path the area got, a share of its length.
   */
  progress: number;
  /**
   * The path as asked: its points are reached at equal steps of time over the clip.
   */
  requested: number[][];
  /**
   * Where the area was, one point per measured moment.
   */
  measured: number[][];
  /**
   * Seconds into the clip of each `measured` point.
   */
  times: number[];
  /**
   * Seconds into the clip where the area could no longer be followed (None: to the end).
   */
  lost_at: number | null;
  /**
   * What went wrong, in words ("went the other way"); empty when it followed the path.
   */
  problem: string;
}
/**
 * The static area: did it stay still while the rest moved.
 */
export interface StaticCheck {
  score: number;
  /**
   * Median motion inside the static area, a share of the diagonal per second.
   */
  inside: number;
  /**
   * The same outside it.
   */
  outside: number;
  problem: string;
}
/**
 * The camera move seen in the clip against the one asked for.
 */
export interface CameraCheck {
  score: number;
  /**
   * The move sent, in words ("zoom in"); empty when none was asked (it should stay put).
   */
  asked: string;
  /**
   * The move the clip's background shows, in words ("pan left", "still").
   */
  seen: string;
  /**
   * How strong the seen move is, a share of the diagonal over the clip (zoom: log scale).
   */
  amount: number;
  problem: string;
}
/**
 * The brush and the camera move carried to a model that cannot take them: offered beside
 * their controls, done only when the person says so.
 */
export interface Carried {
  end_frame: Control1;
  /**
   * The end frame slot holds the brush's end frame as it was made (so the motion check
   * measures the result against the brush).
   */
  end_frame_in_use: boolean;
  /**
   * Words for the camera move the model cannot take ("the camera slowly zooms in"), offered
   * to add to the prompt; empty when nothing is offered.
   */
  camera_phrase: string;
  /**
   * The prompt holds the words added for the camera move.
   */
  camera_phrase_in_prompt: boolean;
}
/**
 * "Send the brush as an end frame": usable when the model takes an end frame but not the
 * brush, and a dynamic area has a path; the reason otherwise.
 */
export interface Control1 {
  enabled: boolean;
  reason: string;
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
  /**
   * The motion check, when the cell's request asked for motion.
   */
  motion: MotionCheck | null;
  /**
   * The cell's request asked for sound, so its video has a track to hear (one cell at a
   * time: the player's solo) and to put in an exported grid.
   */
  sound: boolean;
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
   * Where the latest contact sheet was written; its PNG arrives as `media`.
   */
  contact_sheet?: string;
  export?: GridExport;
}
/**
 * The latest export of the grid as one video or picture.
 */
export interface GridExport {
  phase: "exporting" | "done" | "failed";
  format: "mp4" | "gif" | "webp";
  progress: number;
  path: string | null;
  /**
   * What happened, in words: "Exported grid.mp4 (12.4 MB, 5.0 s, sound from cfg 0.3)".
   */
  text: string;
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
   * `image`, `tail`, or `multi` (the next free multi-image slot); or `clip`, a short
   * video to take a path from (`track-path`).
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
/**
 * Select into `area` with one of the `SelectTool` tools. Points and boxes are the start
 * frame's pixels with the origin top-left; `add` unites the result with the area's paint
 * (shift), `remove` cuts it out (alt), neither replaces it. Worked out off the kernel's event
 * loop; a newer `select` for the same area supersedes an unfinished one.
 */
export interface SelectThing {
  type: "select";
  area: string;
  /**
   * Chosen by the view that asks; the result's mask `media` carries it as `selection`,
   * so that view records the result as one undoable edit (and echoes nothing back).
   */
  token: string;
  /**
   * `click` when absent.
   */
  tool?:
    | "click"
    | "subject"
    | "colour"
    | "regions"
    | "lasso"
    | "file"
    | "grow"
    | "shrink"
    | "feather"
    | "fill-holes"
    | "invert";
  point?: [number, number] | null;
  box?: [number, number, number, number] | null;
  /**
   * `regions`: the stroke; `lasso`: the anchors, in order (the loop closes itself).
   */
  points?: [number, number][];
  /**
   * `regions`: the stroke's radius in the picture's pixels.
   */
  radius?: number;
  /**
   * `colour`: how far a colour may be from the clicked one (ΔE, the catalogue's range).
   */
  tolerance?: number;
  /**
   * `grow` / `shrink`: pixels; `feather`: the smoothing radius in pixels.
   */
  amount?: number;
  /**
   * `file`: the file's name, for what is said about it.
   */
  name?: string;
  add: boolean;
  remove: boolean;
}
/**
 * Reshape `path` (a dynamic area's, top-left pixels) with a preset; the reply carries the
 * new points and the view records them as one undoable edit (the kernel does not set them).
 */
export interface ShapePath {
  type: "shape-path";
  area: string;
  path: [number, number][];
  shape: "straight" | "arc" | "ease-in" | "ease-out" | "ease-in-out" | "linear" | "reverse";
  /**
   * `arc`: bulge ÷ chord, positive to the left of travel (else the catalogue's default).
   */
  bend?: number;
}
/**
 * A path from the clip last uploaded to the `clip` slot: follow the thing at `point`
 * (the clip's first frame, its pixels, top-left) and fit its path to the start frame. Worked out
 * off the kernel's event loop; the reply carries the points, which the view records as one
 * undoable edit of `area`'s path.
 */
export interface TrackPath {
  type: "track-path";
  area: string;
  /**
   * @minItems 2
   * @maxItems 2
   */
  point: [number, number];
}
/**
 * Write every painted area's mask as a PNG in a new folder beside the notebook.
 */
export interface ExportMasks {
  type: "export-masks";
}
/**
 * Render the last frame the brush asks for (answered once it is made; its picture arrives
 * as media `end-frame` first), for the person to look at before using it.
 */
export interface MakeEndFrame {
  type: "make-end-frame";
}
/**
 * Put the end frame just made into the end frame slot (what it replaces can be undone).
 */
export interface UseEndFrame {
  type: "use-end-frame";
}
/**
 * Add these words (the offered camera phrase, as the person edited it) to the prompt.
 */
export interface AddCameraPhrase {
  type: "add-camera-phrase";
  text: string;
}
export interface RemovePicture {
  type: "remove";
  slot: string;
}
/**
 * Apply one of a picture's offered fixes (the original is kept).
 */
export interface FixPicture {
  type: "fix-picture";
  slot: string;
  fix: "crop" | "pad" | "upscale";
}
/**
 * Put back the picture a fix or a new picture replaced (with the paint it had).
 */
export interface UndoPicture {
  type: "undo-picture";
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
/**
 * Bring back the settings, pictures and paint a run was made from.
 */
export interface UseRun {
  type: "use-run";
  run: string;
}
/**
 * Take a run out of the history (its files stay on disk).
 */
export interface RemoveRun {
  type: "remove-run";
  run: string;
}
/**
 * The browser cannot play a run's saved file from the Jupyter server (not under its root,
 * no server at all, or the file did not load): send the video's bytes.
 */
export interface VideoBytes {
  type: "video-bytes";
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
 * Export every finished cell in its grid place, in step, as one file.
 */
export interface ExportGridAsked {
  type: "export-grid";
  format: "mp4" | "gif" | "webp";
  /**
   * The cell whose sound the export carries (the one the person soloed), or None: silent.
   */
  audio: string | null;
}
/**
 * With one buffer: a picture (`image`, `tail`, `multi-N`), a mask (`mask:<area>`,
 * PNG; `clear` with an empty buffer), a thumbnail (`thumb:<run>`, JPEG), the Studio's video
 * (`video`, with `run` and `path`, sent only when the browser asks: `video-bytes`), the
 * first frame of a clip to take a path from (`clip`, JPEG), a
 * cell's video (`video:<cell>`) or the contact sheet (`contact-sheet`, PNG, with `path`).
 *
 * The Studio's video is first announced without a buffer (`video` with `run`, `path` and
 * `size`): the browser plays the saved file from the Jupyter server when the path is under
 * the server's root, and asks for the bytes only when it cannot.
 */
export interface Media {
  type: "media";
  slot: string;
  clear?: boolean;
  run?: string;
  path?: string;
  /**
   * The announced video's size in bytes (the announcement carries no buffer).
   */
  size?: number;
  /**
   * On a mask: the `token` of the `select` request it is the result of.
   */
  selection?: string;
}
/**
 * Every couple of seconds while a widget works: the kernel is still there.
 */
export interface Beat {
  type: "beat";
}
/**
 * The answer to `hello`: the kernel is there, so the view hides the output's static
 * view (`still`: its id, the `data-kling-still` of the fallback beside the live view).
 */
export interface Live {
  type: "live";
  still: string;
}
export interface StudioReplies {
  "upload-begin": Accepted | Refused;
  "upload-end": PictureTaken | ClipTaken | Refused;
  "fetch-url": PictureTaken | Refused;
  generate: TaskCreated | Refused;
  resume: ResumeBegun | Refused;
  "video-bytes": Accepted | Refused;
  select: Selected | Refused;
  "shape-path": PathMade | Refused;
  "track-path": PathMade | Refused;
  "export-masks": MasksExported | Refused;
  "make-end-frame": EndFrameMade | Refused;
  "use-end-frame": PictureTaken | Refused;
  "add-camera-phrase": Accepted | Refused;
}
/**
 * Nothing to report beyond yes (the upload may go on).
 */
export interface Accepted {
  ok: true;
}
export interface Refused {
  ok: false;
  error: ReplyError;
}
/**
 * Why a request was refused or failed, for the control that asked.
 */
export interface ReplyError {
  /**
   * The request field (`image`, `image_tail`, `cfg_scale`…) or the control.
   */
  field: string;
  /**
   * The rule it breaks, in words (`must be at least 300 px on each side`).
   */
  rule: string;
  /**
   * The offending value, shortened; None when there is none to show.
   */
  value: string | null;
  /**
   * The whole message, as a person reads it (it names the field, the rule and the value).
   */
  text: string;
}
/**
 * The picture is in its slot (a `multi` request names the slot it got).
 */
export interface PictureTaken {
  ok: true;
  slot: string;
  name: string;
  width: number;
  height: number;
}
/**
 * The clip is in the `clip` slot; its first frame arrives as `media` (`clip`, JPEG)
 * for the person to click the thing that moves.
 */
export interface ClipTaken {
  ok: true;
  slot: "clip";
  name: string;
  width: number;
  height: number;
  frames: number;
  seconds: number;
}
/**
 * Kling accepted the task; its progress follows in `status`.
 */
export interface TaskCreated {
  ok: true;
  task_id: string;
  external_id: string | null;
}
/**
 * Waiting for this many tasks has begun; each outcome follows in `status`/`history`.
 */
export interface ResumeBegun {
  ok: true;
  tasks: number;
}
/**
 * The selection is the area's paint now (its mask went out as `media` first).
 */
export interface Selected {
  ok: true;
  area: string;
  /**
   * Pixels of the area painted after the selection (0: the area is empty now).
   */
  painted_pixels: number;
  /**
   * What the person should know (a mask file scaled to the picture).
   */
  note?: string;
  /**
   * How long the work took in the kernel, decoding included.
   */
  ms: number;
}
/**
 * A path for `area` (a preset's or a tracked one), not yet set: the view records it.
 */
export interface PathMade {
  ok: true;
  area: string;
  points: [number, number][];
  /**
   * What the person should know (the clip's crop, where tracking was lost, thinning).
   */
  notes: string[];
}
export interface MasksExported {
  ok: true;
  /**
   * Where the PNGs were written, relative to the kernel's working folder when inside it.
   */
  folder: string;
  /**
   * Area id → file name in `folder`.
   */
  files: {
    [k: string]: string;
  };
}
/**
 * The brush's end frame is made; its picture came as media `end-frame`.
 */
export interface EndFrameMade {
  ok: true;
  width: number;
  height: number;
  /**
   * What to know before using it (an area pushed partly out of the picture).
   */
  notes: string[];
}
export interface CompareReplies {
  start: SweepStarted | Refused;
  retry: CellRetried | Refused;
  "contact-sheet": SheetSaved | Refused;
  "export-grid": GridExported | Refused;
}
export interface SweepStarted {
  ok: true;
  tasks: number;
}
/**
 * The retried cell's outcome (a retry that failed again is `Refused`).
 */
export interface CellRetried {
  ok: true;
  cell: string;
  status: "planned" | "queued" | "submitted" | "processing" | "succeed" | "failed" | "unsupported";
  task_id: string | null;
  path: string | null;
}
export interface SheetSaved {
  ok: true;
  /**
   * Where the contact sheet was written; its PNG arrives as `media`.
   */
  path: string;
}
export interface GridExported {
  ok: true;
  path: string;
  bytes: number;
  /**
   * What the person should know (scaled down to fit the size cap, a cell without sound).
   */
  notes: string[];
}
/**
 * A request as anywidget's `invoke` sends it.
 */
export interface Command {
  id: string;
  kind: "anywidget-command";
  name: string;
  msg: {
    [k: string]: unknown;
  };
}
/**
 * The one answer to a `Command` with the same `id`.
 */
export interface CommandResponse {
  id: string;
  kind: "anywidget-command-response";
  response:
    | Refused
    | Accepted
    | PictureTaken
    | TaskCreated
    | ResumeBegun
    | Selected
    | ClipTaken
    | PathMade
    | MasksExported
    | EndFrameMade
    | SweepStarted
    | CellRetried
    | SheetSaved
    | GridExported;
}
/**
 * The grid's export: under way (`progress` 0–1), done (`path`) or failed (`text`).
 */
export interface GridExport1 {
  phase: "exporting" | "done" | "failed";
  format: "mp4" | "gif" | "webp";
  progress: number;
  path: string | null;
  /**
   * What happened, in words: "Exported grid.mp4 (12.4 MB, 5.0 s, sound from cfg 0.3)".
   */
  text: string;
}
