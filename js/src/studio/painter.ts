// The motion brush: paint a static area and the dynamic areas over the picture, and draw
// each dynamic area's trajectory. The parts live in ./painter/; this class holds the state and
// turns pointer, key and toolbar input into edits that can be undone.
//
// One invalidation path: a change updates state, then marks the parts of the view it affects
// (`PARTS`); one animation frame draws each marked part once, in order. Layer pixels that are
// read back (a loaded mask, an undo patch) are written where they change; stroke stamps wait for
// the frame, and every read of paint draws them first.

import type { SelectionLimits } from "../generated/contract";
import { limitPath, type Point } from "../lib/geometry";
import { allIndices, dragHandle, handleIndices } from "../lib/handles";
import { lengthWords } from "../lib/pathmeasure";
import { Redraw } from "../lib/redraw";
import { nearlySamePath, samePath, toAreaState, toPainterArea } from "./painter/areas";
import { ClipPaths } from "./painter/clippaths";
import { type Edit, editHistory } from "./painter/edits";
import { MaskExporter } from "./painter/exporter";
import { isTextEntry, type KeyCommand, keyCommand } from "./painter/keys";
import { MaskLayers } from "./painter/layers";
import { placeMaskFiles } from "./painter/maskfiles";
import { type PathBar, pathBar } from "./painter/pathbar";
import { GRAB_PX, nearestPoint, pathOverlay } from "./painter/paths";
import { PointerInput } from "./painter/pointer";
import { Selections } from "./painter/selecting";
import { Stage, type StagePart } from "./painter/stage";
import { type Toolbar, toolbar } from "./painter/toolbar";
import {
  type AreaState,
  BRUSH_TOOLS,
  type EditGesture,
  PATH_TOOLS,
  type PainterArea,
  type PainterCallbacks,
  type PathShape,
  type RefineTool,
  SELECT_TOOLS,
  type Tool,
} from "./painter/types";

export type { PainterArea, PainterCallbacks } from "./painter/types";

/** `[` and `]` change the brush radius by this factor. */
const RADIUS_STEP = 1.25;
/** Zoom buttons change the scale by this factor. */
const ZOOM_STEP = 1.25;
/** A freehand path keeps a new point once the pointer has moved this far on screen. */
const PATH_SAMPLE_PX = 2;
const PEN_ERASER_BUTTON = 5;

/** What a frame can draw, in drawing order: the picture under its layers under the paths, then
 * the toolbar and the cursor. */
const PARTS = [
  "picture",
  "view",
  "layers",
  "stroke",
  "paths",
  "gesture",
  "select",
  "tools",
  "chips",
  "clip",
  "history",
  "enabled",
  "mode",
  "cursor",
] as const;
type Part = (typeof PARTS)[number];

/** What each change the stage reports makes dirty (the brush circle's size follows the zoom). */
const STAGE_PARTS: Record<StagePart, readonly Part[]> = {
  picture: ["picture"],
  view: ["view", "mode"],
  cursor: ["cursor"],
};

/** The catalogue's limits the painter keeps to. */
export interface PainterLimits {
  /** The most points a path may keep (`max_trajectory_points`). */
  readonly maxPathPoints: number;
  /** Alpha above this counts as painted (`mask_threshold`, the kernel's). */
  readonly paintedAbove: number;
  /** The selection tools' ranges and starting values (the catalogue's `selection`). */
  readonly selection: SelectionLimits;
}

/** The keys that pick a tool. */
const TOOL_KEYS: Partial<Record<KeyCommand, Tool>> = {
  select: "select",
  colour: "colour",
  regions: "regions",
  lasso: "lasso",
};

export class Painter {
  readonly element: HTMLElement;
  private readonly toolbar: Toolbar;
  private readonly stage: Stage;
  private readonly input: PointerInput;
  private readonly layers: MaskLayers;
  private readonly overlay = pathOverlay();
  private readonly exporter: MaskExporter;
  private readonly history = editHistory();
  private readonly selections: Selections;
  private readonly pathbar: PathBar;
  private readonly clips: ClipPaths;
  /** Why the last preset was refused ("" for none). */
  private pathMessage = "";
  private image: { width: number; height: number } | null = null;
  private areas: AreaState[] = [];
  private selectedId: string | null = null;
  private tool: Tool = "brush";
  /** Every point of the path is a handle ("Edit points"), not just a few. */
  private editPoints = false;
  /** The handles of a path a handle drag made, kept while the path stays that one: a dragged
   * handle stays under the pointer rather than jumping to where even spacing would put it. */
  private readonly dragged = new Map<string, { path: Point[]; handles: readonly number[] }>();
  /** Area → how many times its paint changed in this view (`Selections` compares them). */
  private readonly edits = new Map<string, number>();
  private radius = 12;
  private maxRadius = 100;
  private opacity = 0.6;
  /** The brush's edge: 1 a hard disc, less fades towards the rim (`painter/hardness.ts`). */
  private hardness = 1;
  /** Colour's tolerance (ΔE). */
  private tolerance: number;
  /** What the last mask load or export said (an error in red), until the next edit. */
  private said: { text: string; error: boolean } | null = null;
  private enabled = true;
  private edit: EditGesture | null = null;
  /** Masks the kernel sent before the first picture arrived. */
  private readonly waitingMasks = new Map<string, CanvasImageSource>();
  private readonly problems = new Map<string, string>();
  private warning: string | null = null;
  private enabledReason = "";
  /** The kernel's note when the paint is kept but not sent ("kept, not sent with …"), or null. */
  private keptNote: string | null = null;
  /** Says on the picture that the paint shown is kept, not sent. */
  private readonly keptBadge = document.createElement("div");
  private readonly redraw = new Redraw<Part>(PARTS, (part) => this.draw[part]());
  /** How each part is drawn. */
  private readonly draw: Record<Part, () => void> = {
    picture: () => {
      this.stage.drawPicture();
      if (this.image !== null) this.overlay.setSize(this.image.width, this.image.height);
    },
    view: () => {
      this.stage.drawView();
      this.element.dataset.scale = String(this.stage.scale);
      this.overlay.setScale(this.stage.scale);
    },
    layers: () => {
      this.layers.draw();
      this.layers.element.style.opacity = String(this.opacity);
    },
    stroke: () => this.layers.drawStroke(),
    paths: () => {
      this.drawPaths();
      this.drawPathBar();
    },
    gesture: () => this.drawGesture(),
    select: () => {
      this.selections.draw(this.stage.scale);
      // Whether an answer is on its way: tests wait on it (the status shows only after 100 ms).
      this.element.dataset.selecting = String(this.selections.pending);
    },
    tools: () => {
      this.toolbar.showTool(this.tool);
      this.toolbar.showRadius(this.radius, this.maxRadius);
      this.toolbar.showHardness(this.hardness);
      this.toolbar.showTolerance(this.tolerance);
      this.toolbar.showSaid(this.said?.text ?? null, this.said?.error);
      this.toolbar.showOpacity(this.opacity);
    },
    chips: () => this.toolbar.showAreas(this.areas, this.selectedId),
    clip: () => {
      this.pathbar.showClip(this.clips.view);
      this.pathbar.showMessage(this.pathMessage);
    },
    history: () => this.toolbar.showHistory(this.history.canUndo, this.history.canRedo),
    enabled: () => {
      this.toolbar.showEnabled(this.enabled, this.enabledReason);
      const kept = this.keptNote !== null;
      this.element.classList.toggle("ks-painter-kept", kept);
      this.keptBadge.hidden = !kept;
      this.keptBadge.textContent = kept ? `Motion brush ${this.keptNote}` : "";
    },
    mode: () => this.drawMode(),
    cursor: () => this.stage.drawCursor(),
  };

  constructor(
    private readonly callbacks: PainterCallbacks,
    private readonly limits: PainterLimits,
  ) {
    this.tolerance = limits.selection.tolerance_default;
    this.layers = new MaskLayers(limits.paintedAbove, () => this.redraw.invalidate("layers"));
    this.exporter = new MaskExporter((areaId, png) => this.callbacks.onMask(areaId, png));
    this.selections = new Selections({
      settle: (areaId) => this.exporter.settle(areaId),
      ask: (request, buffers) => this.callbacks.select(request, buffers),
      invalidate: () => this.redraw.invalidate("select"),
      edits: (areaId) => this.edits.get(areaId) ?? 0,
    });
    this.toolbar = toolbar(
      {
        selectTool: (tool) => this.selectTool(tool),
        setRadius: (radius) => this.setRadius(radius),
        setOpacity: (opacity) => this.setOpacity(opacity),
        zoom: (direction) => this.zoom(direction),
        undo: () => this.undo(),
        redo: () => this.redo(),
        clearAll: () => this.clearAll(),
        selectArea: (areaId) => this.selectArea(areaId),
        toggleArea: (areaId) => this.toggleArea(areaId),
        clearArea: (areaId) => this.clearArea(areaId),
        setHardness: (hardness) => this.setHardness(hardness),
        setTolerance: (tolerance) => this.setTolerance(tolerance),
        subject: (add) => this.selectInto({ tool: "subject", add, remove: false }),
        refine: (tool, amount) => this.refine(tool, amount),
        loadMasks: (files) => void this.loadMaskFiles(files),
        exportMasks: () => void this.exportMasks(),
      },
      limits.selection,
    );
    this.pathbar = pathBar({
      shape: (shape) => void this.shapePath(shape),
      chooseClip: (file) => void this.clips.choose(file),
      track: (point) => void this.clips.track(point),
      closeClip: () => this.clips.close(),
      clearPath: () => this.clearPath(),
      toggleEditPoints: () => this.toggleEditPoints(),
    });
    this.clips = new ClipPaths({
      upload: (file, progress) => this.callbacks.uploadClip(file, progress),
      track: (request) => this.callbacks.trackPath(request),
      target: () => {
        const area = this.selected();
        return area?.kind === "dynamic" ? area.id : null;
      },
      commit: (areaId, points) => this.commitNewPath(areaId, points),
      invalidate: () => this.redraw.invalidate("clip"),
    });
    this.stage = new Stage([this.layers.element, this.overlay.element], (part: StagePart) =>
      this.redraw.invalidate(...STAGE_PARTS[part]),
    );
    this.input = new PointerInput(this.stage, {
      dragPans: () => this.tool === "pan" || !this.enabled,
      press: (event, at) => this.press(event, at),
      drag: (samples) => this.drag(samples),
      release: () => this.release(),
      abort: () => this.abort(),
      showMode: () => this.redraw.invalidate("mode"),
    });
    this.keptBadge.className = "ks-painter-kept-badge";
    this.keptBadge.dataset.testid = "painter-kept";
    this.keptBadge.hidden = true;
    this.stage.element.append(this.keptBadge, this.selections.status);
    this.stage.surface.append(this.selections.box, this.selections.overlay);
    // A lasso's double-click closes it (its two presses placed one anchor).
    this.stage.element.addEventListener("dblclick", () => {
      if (this.tool === "lasso" && this.enabled) this.selections.lassoClose();
    });
    this.element = document.createElement("div");
    this.element.className = "ks-painter";
    this.element.dataset.testid = "painter";
    this.element.append(this.toolbar.element, this.pathbar.element, this.stage.element);
    this.redraw.invalidate("layers", "tools", "chips", "clip", "history", "enabled", "mode");
  }

  // ── The Studio's side ────────────────────────────────────────────────────────────────────

  /** A new picture at its natural size: all paint and history go. */
  setImage(source: CanvasImageSource, width: number, height: number): void {
    this.input.cancel();
    this.exporter.cancel();
    this.history.clear();
    this.selections.forget();
    this.selections.setSize(width, height);
    this.layers.reset(width, height);
    this.image = { width, height };
    this.maxRadius = Math.max(16, Math.round(Math.max(width, height) / 8));
    this.radius = Math.min(this.maxRadius, Math.max(4, Math.round(Math.min(width, height) / 40)));
    this.stage.setImage(source, width, height);
    this.redraw.invalidate("tools", "paths", "history", "mode");
    this.checkAllPaths();
    for (const [areaId, mask] of this.waitingMasks) this.loadMask(areaId, mask);
    this.waitingMasks.clear();
  }

  /** The kernel's areas: colours, labels, visibility, paths. Paint stays; nothing is echoed. */
  setAreas(areas: PainterArea[]): void {
    this.areas = areas.map((area) => toAreaState(area, this.layers.paintedPixels(area.id)));
    if (this.selected() === undefined) this.selectedId = this.areas[0]?.id ?? null;
    if (PATH_TOOLS.includes(this.tool) && this.selected()?.kind !== "dynamic") {
      this.selectTool("brush");
    }
    this.layers.sync(this.areas);
    this.redraw.invalidate("paths", "chips");
    this.checkAllPaths();
  }

  /**
   * Restores a mask the kernel kept (alpha = paint), scaled to the picture's size. Earlier strokes
   * can no longer be undone. A mask that arrives before the first picture waits for it. A mask
   * answering this view's own Select click (`selection`: its request's token) is instead one
   * undoable edit.
   */
  loadMask(areaId: string, source: CanvasImageSource, selection?: string): void {
    if (this.image === null) {
      this.waitingMasks.set(areaId, source);
      return;
    }
    const area = this.area(areaId);
    if (area === undefined) return;
    const answered = selection === undefined ? null : this.selections.take(selection);
    if (answered !== null) {
      this.selectionArrived(area, source, answered.editedSince);
      return;
    }
    if (this.edit !== null) this.input.cancel();
    this.layers.load(areaId, source);
    this.history.clear();
    this.redraw.invalidate("history");
    // The kernel sent this paint and already counts the area as painted: echoing the areas
    // back would send this view's copy, which may predate a path the kernel set since.
    this.updatePainted(area, { echo: false });
    this.checkPath(area);
  }

  /** A selection tool's answer: the area's paint replaced, as one edit undo takes back (and
   * redo brings again, each sent to the kernel as any edit is). The kernel has this mask and
   * counts the area as painted already, so nothing is echoed back — unless the paint changed
   * here after it was asked (an undo while the kernel worked), when the kernel may have had
   * that newer paint after this answer: it gets the answer back, so both keep what is shown. */
  private selectionArrived(area: AreaState, source: CanvasImageSource, editedSince: boolean): void {
    if (this.layers.strokeArea === area.id) this.input.cancel();
    const patch = this.layers.replace(area.id, source);
    if (patch !== null) this.record({ kind: "paint", patch });
    if (editedSince) this.paintChanged(area.id);
    else this.updatePainted(area, { echo: false });
    this.checkPath(area);
  }

  /** The kernel's `media` "clip": the first frame of the clip being uploaded (an object URL). */
  clipFrame(url: string): void {
    this.clips.frameArrived(url);
  }

  /** The chosen model cannot use the motion brush: painting is off, the reason shown. What is
   * painted stays, and can still be cleared: a model switch never traps anyone. */
  setEnabled(enabled: boolean, reason: string): void {
    if (enabled === this.enabled && reason === this.enabledReason) return;
    if (!enabled && this.enabled) {
      this.input.finish();
      this.selections.lassoCancel(); // a lasso half placed cannot be finished
    }
    this.enabled = enabled;
    this.enabledReason = reason;
    this.redraw.invalidate("enabled", "chips", "history", "mode", "paths");
  }

  /** The paint is kept but not sent (`note` says so, in the kernel's words), or it is sent (null):
   * kept paint shows dimmed, labelled on the picture. */
  setKept(note: string | null): void {
    if (note === this.keptNote) return;
    this.keptNote = note;
    this.redraw.invalidate("enabled");
  }

  /** A keydown forwarded from the widget root; true (and stopped) when the painter used it. */
  handleKey(event: KeyboardEvent): boolean {
    if (isTextEntry(event.target)) return false;
    const command = keyCommand(event);
    if (command === null || !this.runKey(command, event.target)) return false;
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  destroy(): void {
    this.redraw.destroy();
    this.input.destroy();
    this.selections.destroy();
    this.clips.close();
    this.exporter.flush();
    this.stage.destroy();
    this.layers.destroy();
    this.history.clear();
    this.element.remove();
  }

  // ── Keys and toolbar ─────────────────────────────────────────────────────────────────────

  private runKey(command: KeyCommand, target: EventTarget | null): boolean {
    switch (command) {
      case "undo":
      case "redo":
        if (!this.enabled) return false;
        if (command === "undo") this.undo();
        else this.redo();
        return true;
      case "smaller":
      case "larger":
        if (!this.enabled) return false;
        this.setRadius(
          command === "larger" ? this.radius * RADIUS_STEP : this.radius / RADIUS_STEP,
        );
        return true;
      case "cancel":
        return this.selections.lassoCancel() || this.input.cancel();
      case "close":
        // Enter belongs to the notebook unless a lasso is being placed (too few anchors: kept).
        if (!this.selections.lassoOpen) return false;
        this.selections.lassoClose();
        return true;
      case "back":
        return this.selections.lassoBack();
      case "pan":
        // Space on a focused button presses the button.
        return !(target instanceof HTMLButtonElement) && this.input.holdSpace();
      default: {
        const tool = TOOL_KEYS[command];
        if (tool === undefined || !this.enabled) return false;
        this.selectTool(tool);
        return true;
      }
    }
  }

  private selectTool(tool: Tool): void {
    if (PATH_TOOLS.includes(tool) && this.selected()?.kind !== "dynamic") return;
    if (tool !== "lasso") this.selections.lassoCancel();
    this.tool = tool;
    this.redraw.invalidate("tools", "paths", "mode");
  }

  /** Every point as a handle, or a few; turning it on picks a path tool, where handles show. */
  private toggleEditPoints(): void {
    this.editPoints = !this.editPoints;
    if (this.editPoints && !PATH_TOOLS.includes(this.tool)) this.selectTool("path-click");
    this.redraw.invalidate("tools", "paths");
  }

  /** The handles shown on an area's path: a few, or all of them while editing points. */
  private handlesOf(area: AreaState): readonly number[] {
    if (this.editPoints) return allIndices(area.path);
    const made = this.dragged.get(area.id);
    if (made !== undefined && nearlySamePath(made.path, area.path)) return made.handles;
    return handleIndices(area.path);
  }

  private setRadius(radius: number): void {
    const rounded = Math.round(radius);
    // A step always changes the size, even where rounding would undo it.
    const next = rounded === this.radius ? rounded + Math.sign(radius - this.radius) : rounded;
    this.radius = Math.min(this.maxRadius, Math.max(1, next));
    this.redraw.invalidate("tools", "mode");
  }

  private setHardness(hardness: number): void {
    this.hardness = Math.min(1, Math.max(0, hardness));
    this.redraw.invalidate("tools");
  }

  private setTolerance(tolerance: number): void {
    this.tolerance = Math.min(this.limits.selection.tolerance_max, Math.max(0, tolerance));
    this.redraw.invalidate("tools");
  }

  // ── Selection actions (each one `select` request, its answer one undoable edit) ───────────

  /** Asks for a selection into the selected area (shown, so the answer is seen). */
  private selectInto(fields: Parameters<Selections["request"]>[1]): void {
    const area = this.selected();
    if (area === undefined || !this.enabled) return;
    if (!area.visible) this.setVisible(area, true);
    void this.selections.request(area.id, fields);
  }

  /** Grow, Shrink and Feather take the amount; Fill holes and Invert need none. */
  private refine(tool: RefineTool, amount: number): void {
    const fields = { tool, add: false, remove: false };
    this.selectInto(tool === "fill-holes" || tool === "invert" ? fields : { ...fields, amount });
  }

  /** Mask files: each to the area its name names, else (one file) the selected area. */
  private async loadMaskFiles(files: readonly File[]): Promise<void> {
    this.selections.quiet();
    const placed = placeMaskFiles(
      files,
      this.areas.map((area) => area.id),
      this.selectedId,
    );
    if (!placed.ok) {
      this.say(placed.text, true);
      return;
    }
    this.say(null);
    const loaded = await Promise.all(
      placed.files.map(async ({ file, area }) => {
        const bytes = await file.arrayBuffer();
        const target = this.area(area);
        if (target !== undefined && !target.visible) this.setVisible(target, true);
        const fields = { tool: "file" as const, name: file.name, add: false, remove: false };
        const reply = await this.selections.request(area, fields, [bytes]);
        return reply?.ok === true ? area : null;
      }),
    );
    const areas = loaded.filter((area) => area !== null);
    if (areas.length > 1) this.say(`Loaded masks into ${areas.join(", ")}`);
  }

  private say(text: string | null, error = false): void {
    this.said = text === null ? null : { text, error };
    this.redraw.invalidate("tools");
  }

  private async exportMasks(): Promise<void> {
    this.selections.quiet();
    this.say("Saving…");
    await Promise.all(this.areas.map((area) => this.exporter.settle(area.id)));
    const reply = await this.callbacks.exportMasks();
    if (!reply.ok) {
      this.say(`Could not save the masks: ${reply.error.text}`, true);
      return;
    }
    const count = Object.keys(reply.files).length;
    this.say(`Saved ${count} mask${count === 1 ? "" : "s"} in ${reply.folder}`);
  }

  private setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.redraw.invalidate("layers", "tools");
  }

  private zoom(direction: "in" | "out" | "fit"): void {
    if (direction === "fit") this.stage.fit();
    else this.stage.zoom(direction === "in" ? ZOOM_STEP : 1 / ZOOM_STEP);
  }

  private selectArea(areaId: string): void {
    if (this.area(areaId) === undefined) return;
    this.selectedId = areaId;
    if (PATH_TOOLS.includes(this.tool) && this.selected()?.kind !== "dynamic") {
      this.selectTool("brush");
    }
    this.redraw.invalidate("paths", "chips");
  }

  private toggleArea(areaId: string): void {
    const area = this.area(areaId);
    if (area !== undefined) this.setVisible(area, !area.visible);
  }

  /** Clearing works whether or not the model can use the brush: it is the way out. */
  private clearArea(areaId: string): void {
    const detached = this.layers.detach([areaId]);
    if (detached.length === 0) return;
    this.record({ kind: "clear", detached, paths: [] });
    this.paintChanged(areaId);
  }

  /** Every area's paint and every path, as one undoable step. */
  private clearAll(): void {
    const detached = this.layers.detach(this.areas.map((area) => area.id));
    const paths = this.areas
      .filter((area) => area.path.length > 0)
      .map((area) => ({ areaId: area.id, path: area.path }));
    if (detached.length === 0 && paths.length === 0) return;
    this.record({ kind: "clear", detached, paths });
    for (const { areaId } of paths) this.setPath(areaId, []);
    for (const { areaId } of detached) this.paintChanged(areaId);
    if (paths.length > 0) this.pathsChanged();
  }

  /** A preset from the path bar: asked of the kernel on the path as it is now; its answer is
   * one undoable edit of whatever path the area has when it comes. */
  private async shapePath(shape: PathShape): Promise<void> {
    const area = this.selected();
    if (area?.kind !== "dynamic" || area.path.length < 2) return;
    const path = area.path.map(({ x, y }): [number, number] => [x, y]);
    this.setPathMessage("");
    const reply = await this.callbacks.shapePath({
      type: "shape-path",
      area: area.id,
      path,
      shape,
    });
    if (!reply.ok) {
      this.setPathMessage(`Could not reshape the path: ${reply.error.text}`);
      return;
    }
    this.commitNewPath(
      reply.area,
      reply.points.map(([x, y]) => ({ x, y })),
    );
  }

  /** A path the kernel made (a preset, a clip's) replaces the area's: one undoable edit. */
  private commitNewPath(areaId: string, points: Point[]): void {
    const area = this.area(areaId);
    if (area?.kind !== "dynamic") return;
    if (!area.visible) this.setVisible(area, true); // the new path shows where it lands
    this.commitPath(areaId, area.path, points);
  }

  private setPathMessage(text: string): void {
    if (text === this.pathMessage) return;
    this.pathMessage = text;
    this.redraw.invalidate("clip");
  }

  private clearPath(): void {
    const area = this.selected();
    if (area?.kind === "dynamic") this.commitPath(area.id, area.path, []);
  }

  private undo(): void {
    const edit = this.enabled ? this.history.undo() : undefined;
    if (edit !== undefined) this.apply(edit, "undo");
  }

  private redo(): void {
    const edit = this.enabled ? this.history.redo() : undefined;
    if (edit !== undefined) this.apply(edit, "redo");
  }

  // ── Pointer edits (PointerInput calls these) ─────────────────────────────────────────────

  private press(event: PointerEvent, at: Point): boolean {
    const area = this.selected();
    if (area === undefined || !this.enabled) return false;
    if (this.tool === "brush" || this.tool === "eraser") {
      const erase = this.tool === "eraser" || event.button === PEN_ERASER_BUTTON;
      if (!erase && !area.visible) this.setVisible(area, true); // painting blind helps no one
      if (this.layers.beginStroke(area.id, at, this.radius, erase, this.hardness)) {
        this.edit = { kind: "paint" };
        this.redraw.invalidate("stroke"); // the first stamp shows while the button is held
      }
    } else if (this.tool === "select") {
      if (!area.visible) this.setVisible(area, true); // the answer shows where it lands
      this.selections.begin(area.id, this.clampToImage(at), event.shiftKey, event.altKey);
      this.edit = { kind: "select" };
    } else if (this.tool === "colour") {
      if (!area.visible) this.setVisible(area, true);
      const at0 = this.clampToImage(at);
      this.selections.begin(area.id, at0, event.shiftKey, event.altKey, this.tolerance);
      this.edit = { kind: "select" };
    } else if (this.tool === "regions") {
      if (!area.visible) this.setVisible(area, true);
      this.selections.strokeBegin(area.id, this.clampToImage(at), this.radius, event.altKey);
      this.edit = { kind: "regions" };
    } else if (this.tool === "lasso") {
      if (!area.visible) this.setVisible(area, true);
      const { shiftKey, altKey } = event;
      this.selections.lassoClick(
        area.id,
        this.clampToImage(at),
        this.stage.scale,
        shiftKey,
        altKey,
      );
    } else if (area.kind === "dynamic") {
      if (!area.visible) this.setVisible(area, true);
      this.edit = this.startPath(area, at);
    }
    return this.edit !== null;
  }

  /** Grab a handle near the press, else add a point (click tool) or start a new path
   * (freehand). */
  private startPath(area: AreaState, at: Point): EditGesture {
    const before = area.path;
    const handles = this.handlesOf(area);
    const grabbed = nearestPoint(before, at, GRAB_PX / this.stage.scale, handles);
    const point = this.clampToImage(at);
    if (grabbed >= 0) {
      const points = [...before];
      return {
        kind: "path-drag",
        areaId: area.id,
        before,
        base: before,
        handles,
        points,
        index: grabbed,
      };
    }
    this.redraw.invalidate("gesture");
    if (this.tool === "path-click") {
      // The new point can be dragged into place before the button is released, on its own.
      const points = [...before, point];
      return {
        kind: "path-drag",
        areaId: area.id,
        before,
        base: points.slice(),
        handles: allIndices(points),
        points,
        index: before.length,
      };
    }
    return { kind: "path-draw", areaId: area.id, before, points: [point] };
  }

  private drag(samples: readonly Point[]): void {
    const edit = this.edit;
    if (edit?.kind === "paint") {
      this.layers.continueStroke(samples);
      this.redraw.invalidate("stroke");
    } else if (edit?.kind === "select") {
      const at = samples[samples.length - 1];
      if (at !== undefined) this.selections.move(this.clampToImage(at));
    } else if (edit?.kind === "regions") {
      this.selections.strokeMove(samples.map((sample) => this.clampToImage(sample)));
    } else if (edit?.kind === "path-draw") {
      for (const sample of samples) {
        const at = this.clampToImage(sample);
        const last = edit.points[edit.points.length - 1];
        const gap = last === undefined ? Infinity : Math.hypot(at.x - last.x, at.y - last.y);
        if (gap * this.stage.scale >= PATH_SAMPLE_PX) edit.points.push(at);
      }
      this.redraw.invalidate("gesture");
    } else if (edit?.kind === "path-drag") {
      const at = samples[samples.length - 1];
      if (at === undefined) return;
      // From the path as the drag found it, so the neighbours follow without drifting.
      const moved = dragHandle(edit.base, edit.handles, edit.index, this.clampToImage(at));
      edit.points = moved.map((point) => this.clampToImage(point));
      this.redraw.invalidate("gesture");
    }
  }

  /** The stroke or path becomes an undoable edit. */
  private release(): void {
    const edit = this.edit;
    this.edit = null;
    if (edit?.kind === "paint") {
      const patch = this.layers.endStroke();
      if (patch === null) return;
      this.record({ kind: "paint", patch });
      this.paintChanged(patch.areaId);
    } else if (edit?.kind === "select") {
      this.selections.end(this.stage.scale);
    } else if (edit?.kind === "regions") {
      this.selections.strokeEnd();
    } else if (edit?.kind === "path-draw") {
      // A tap draws no path; it must not wipe the existing one.
      if (limitPath(edit.points, this.limits.maxPathPoints).length >= 2)
        this.commitPath(edit.areaId, edit.before, edit.points);
      else this.redraw.invalidate("paths");
    } else if (edit?.kind === "path-drag") {
      this.commitPath(edit.areaId, edit.before, edit.points);
      const path = this.area(edit.areaId)?.path;
      if (path?.length === edit.points.length) {
        this.dragged.set(edit.areaId, { path, handles: edit.handles });
      }
    }
  }

  /** A second finger made the stroke a pinch, or Escape: put everything back. */
  private abort(): void {
    const edit = this.edit;
    this.edit = null;
    if (edit?.kind === "paint") this.layers.cancelStroke();
    else if (edit?.kind === "select" || edit?.kind === "regions") this.selections.cancel();
    else if (edit !== null) this.redraw.invalidate("paths");
  }

  // ── Edits and history ────────────────────────────────────────────────────────────────────

  private record(edit: Edit): void {
    if (this.said !== null) this.say(null); // it was about the paint before this edit
    this.history.push(edit);
    this.redraw.invalidate("history");
  }

  private apply(edit: Edit, direction: "undo" | "redo"): void {
    const undoing = direction === "undo";
    if (edit.kind === "paint") {
      if (this.area(edit.patch.areaId) !== undefined) {
        this.layers.applyPatch(edit.patch, undoing ? "before" : "after");
        this.paintChanged(edit.patch.areaId);
      }
    } else if (edit.kind === "clear") {
      const present = edit.detached.filter(({ areaId }) => this.area(areaId) !== undefined);
      if (undoing) this.layers.attach(present);
      else edit.detached = this.layers.detach(present.map(({ areaId }) => areaId));
      for (const { areaId, path } of edit.paths) this.setPath(areaId, undoing ? path : []);
      for (const { areaId } of present) this.paintChanged(areaId);
      if (edit.paths.length > 0) this.pathsChanged();
    } else {
      this.setPath(edit.areaId, undoing ? edit.before : edit.after);
      this.pathsChanged();
    }
    this.redraw.invalidate("history");
  }

  /** After any change to an area's pixels: painted flag, export, the path's warning. */
  private paintChanged(areaId: string): void {
    const area = this.area(areaId);
    if (area === undefined) return;
    this.edits.set(areaId, (this.edits.get(areaId) ?? 0) + 1);
    this.updatePainted(area);
    this.exporter.schedule(areaId, () =>
      (this.layers.paintedPixels(areaId) ?? 0) > 0 ? (this.layers.canvasOf(areaId) ?? null) : null,
    );
    this.checkPath(area);
  }

  private updatePainted(area: AreaState, { echo = true } = {}): void {
    const painted = (this.layers.paintedPixels(area.id) ?? 0) > 0;
    if (painted === area.painted) return;
    area.painted = painted;
    this.redraw.invalidate("chips");
    if (echo) this.emitAreas();
  }

  private commitPath(areaId: string, before: Point[], drawn: readonly Point[]): void {
    const after = limitPath(drawn, this.limits.maxPathPoints);
    if (samePath(before, after)) {
      this.redraw.invalidate("paths");
      return;
    }
    this.setPath(areaId, after);
    this.record({ kind: "path", areaId, before, after });
    this.pathsChanged();
  }

  private setPath(areaId: string, path: Point[]): void {
    const area = this.area(areaId);
    if (area === undefined) return;
    area.path = path;
    this.checkPath(area);
  }

  private pathsChanged(): void {
    this.redraw.invalidate("paths", "chips");
    this.emitAreas();
  }

  private setVisible(area: AreaState, visible: boolean): void {
    area.visible = visible;
    this.layers.sync(this.areas);
    this.redraw.invalidate("paths", "chips");
    this.emitAreas();
  }

  // ── Warnings ─────────────────────────────────────────────────────────────────────────────

  /** One pixel read per check, and only when a path or its area's paint changed. */
  private checkPath(area: AreaState): void {
    const start = area.path[0];
    let misplaced = false;
    if (area.kind === "dynamic" && start !== undefined && this.image !== null) {
      // Without a canvas here, trust the kernel's flag: its mask may not have been sent yet.
      misplaced =
        this.layers.paintedPixels(area.id) === undefined
          ? !area.painted
          : this.layers.alphaAt(area.id, start) <= this.limits.paintedAbove;
    }
    if (misplaced) {
      this.problems.set(area.id, `${area.label}: the path should start inside its painted area`);
    } else {
      this.problems.delete(area.id);
    }
    this.publishWarning();
  }

  private checkAllPaths(): void {
    this.problems.clear();
    for (const area of this.areas) this.checkPath(area);
    this.publishWarning();
  }

  private publishWarning(): void {
    const messages = this.areas.flatMap((area) => this.problems.get(area.id) ?? []);
    const warning = messages.length > 0 ? messages.join("; ") : null;
    if (warning === this.warning) return;
    this.warning = warning;
    this.callbacks.onWarning(warning);
  }

  // ── Drawing (only ever called by the frame, through `draw`) ──────────────────────────────

  /** The stage's cursor and the brush circle follow the tool, space and enabled state. */
  private drawMode(): void {
    let mode: "paint" | "select" | "path" | "pan" | "panning";
    if (this.input.panning) mode = "panning";
    else if (this.input.spaceHeld || this.tool === "pan" || !this.enabled) mode = "pan";
    else if (SELECT_TOOLS.includes(this.tool)) mode = "select";
    else mode = PATH_TOOLS.includes(this.tool) ? "path" : "paint";
    this.element.dataset.mode = mode;
    this.element.dataset.tool = this.tool;
    const round = mode === "paint" && BRUSH_TOOLS.includes(this.tool);
    this.stage.setCursor(round ? this.radius : null, this.tool === "eraser");
  }

  /** Every visible dynamic area's path, the editable one with handles; then any path being
   * drawn or dragged, which the full redraw replaced. */
  private drawPaths(): void {
    const selected = this.selected();
    // No handles while the brush is off: they could not be dragged.
    const editable =
      this.enabled &&
      PATH_TOOLS.includes(this.tool) &&
      selected?.kind === "dynamic" &&
      selected.visible;
    this.overlay.render(
      this.areas,
      editable ? selected : null,
      editable ? this.handlesOf(selected) : [],
    );
    if (this.edit?.kind === "path-draw" || this.edit?.kind === "path-drag") this.drawGesture();
  }

  /** The path bar follows the selected area: shown for a dynamic one, its length said. */
  private drawPathBar(): void {
    const area = this.selected();
    const dynamic = area?.kind === "dynamic";
    const path = dynamic ? area.path : [];
    this.pathbar.showPath({
      dynamic,
      enabled: this.enabled,
      points: path.length,
      editingPoints: this.editPoints,
    });
    this.pathbar.showLength(this.lengthOf(path));
  }

  private lengthOf(path: readonly Point[]): string {
    return this.image === null ? "" : lengthWords(path, this.image.width, this.image.height);
  }

  /** The path being drawn (no handles while drawing) or dragged (with its handles). */
  private drawGesture(): void {
    const edit = this.edit;
    if (edit === null || edit.kind === "paint" || edit.kind === "select" || edit.kind === "regions")
      return;
    this.overlay.show(edit.areaId, edit.points);
    if (edit.areaId === this.selectedId) this.pathbar.showLength(this.lengthOf(edit.points));
    if (edit.kind === "path-draw") this.overlay.showHandles(null, [], []);
    else this.overlay.showHandles(this.area(edit.areaId) ?? null, edit.points, edit.handles);
  }

  private emitAreas(): void {
    this.callbacks.onAreas(this.areas.map(toPainterArea));
  }

  private area(areaId: string): AreaState | undefined {
    return this.areas.find((area) => area.id === areaId);
  }

  private selected(): AreaState | undefined {
    return this.selectedId === null ? undefined : this.area(this.selectedId);
  }

  private clampToImage(point: Point): Point {
    const width = this.image?.width ?? 1;
    const height = this.image?.height ?? 1;
    return {
      x: Math.min(width - 1, Math.max(0, point.x)),
      y: Math.min(height - 1, Math.max(0, point.y)),
    };
  }
}
