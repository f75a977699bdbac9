// One canvas per area at the image's natural resolution, paint in its alpha channel. Canvases are
// created on first paint (a 12-megapixel layer costs 48 MB). A pointer move only queues stamps;
// the painter's frame draws them (`drawStroke`), and anything that reads the paint draws the
// queue first. Pixels are read once, when the stroke ends, for the undo patch of its dirty
// rectangle. The canvases' order and visibility are drawn in the frame too (`draw`). A soft
// brush (hardness below 1) stamps radial gradients (`hardness.ts`); the kernel still counts a
// pixel painted above its threshold, as `paintedPixels` does here.

import type { Point } from "../../lib/geometry";
import {
  type Bounds,
  changedRect,
  countPainted,
  cropPixels,
  growBounds,
  interpolate,
  pixelRect,
} from "../../lib/strokes";
import { place } from "../keyed";
import { falloffStops, isHard } from "./hardness";

interface Layer {
  readonly canvas: HTMLCanvasElement;
  readonly context: CanvasRenderingContext2D;
  /** Pixels with alpha above the threshold: what the kernel will see as painted. */
  painted: number;
  /** Never painted since it was created, so "before" pixels are known to be transparent. */
  blank: boolean;
}

/** An undoable stroke: the pixels of its dirty rectangle before and after. */
export interface PaintPatch {
  readonly areaId: string;
  readonly x: number;
  readonly y: number;
  readonly before: ImageData;
  readonly after: ImageData;
  readonly paintedChange: number;
}

/** A layer taken out by "clear", kept whole so that undo costs no copy. */
export interface DetachedLayer {
  readonly areaId: string;
  readonly layer: Layer;
}

interface LayerStyle {
  readonly id: string;
  readonly colour: string;
  readonly visible: boolean;
}

interface Stroke {
  readonly layer: Layer;
  readonly areaId: string;
  readonly erase: boolean;
  readonly radius: number;
  readonly hardness: number;
  readonly spacing: number;
  readonly colour: string;
  readonly snapshot: boolean;
  last: Point;
  bounds: Bounds;
  /** Stamp centres not drawn yet. */
  queued: Point[];
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("this browser cannot draw on a canvas");
  return context;
}

export class MaskLayers {
  /** Holds the canvases; the overlay opacity applies to it. */
  readonly element: HTMLDivElement;
  private width = 0;
  private height = 0;
  private readonly layers = new Map<string, Layer>();
  private styles: LayerStyle[] = [];
  /** The painted layer as it was when the stroke began; shared by all layers, made on demand. */
  private snapshot: { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } | null = null;
  private stroke: Stroke | null = null;

  /** `paintedAbove`: the kernel's mask threshold (alpha above it is painted); `invalidate`
   * asks for the canvases' order and visibility to be drawn. */
  constructor(
    private readonly paintedAbove: number,
    private readonly invalidate: () => void,
  ) {
    this.element = document.createElement("div");
    this.element.className = "ks-painter-layers";
  }

  get strokeArea(): string | null {
    return this.stroke?.areaId ?? null;
  }

  /** A new picture: every layer goes. */
  reset(width: number, height: number): void {
    this.stroke = null;
    for (const layer of this.layers.values()) this.release(layer);
    this.layers.clear();
    if (this.snapshot !== null) this.release(this.snapshot);
    this.snapshot = null;
    this.width = width;
    this.height = height;
  }

  /** Follows the kernel's list of areas: order, colour, visibility; layers of removed areas go. */
  sync(styles: readonly LayerStyle[]): void {
    const previous = new Map(this.styles.map((style) => [style.id, style]));
    this.styles = styles.map(({ id, colour, visible }) => ({ id, colour, visible }));
    for (const [id, layer] of this.layers) {
      const style = this.styles.find((candidate) => candidate.id === id);
      if (style === undefined) {
        this.release(layer);
        this.layers.delete(id);
      } else if (previous.get(id)?.colour !== style.colour) {
        this.recolour(layer, style.colour);
      }
    }
    this.invalidate();
  }

  /** Painted pixel count, or undefined while the area has no canvas (nothing painted here). */
  paintedPixels(areaId: string): number | undefined {
    return this.layers.get(areaId)?.painted;
  }

  /** Alpha (0–255) of one pixel, 0 outside the picture or where the area has no canvas. */
  alphaAt(areaId: string, point: Point): number {
    const layer = this.layers.get(areaId);
    const x = Math.floor(point.x);
    const y = Math.floor(point.y);
    if (layer === undefined || x < 0 || y < 0 || x >= this.width || y >= this.height) return 0;
    if (this.stroke?.layer === layer) this.drawStroke();
    return layer.context.getImageData(x, y, 1, 1).data[3] ?? 0;
  }

  canvasOf(areaId: string): HTMLCanvasElement | undefined {
    return this.layers.get(areaId)?.canvas;
  }

  /** Starts a stroke with a first stamp; false when there is nothing to do (erasing nothing). */
  beginStroke(areaId: string, at: Point, radius: number, erase: boolean, hardness = 1): boolean {
    if (erase && !this.layers.has(areaId)) return false;
    const layer = this.layerFor(areaId);
    const snapshot = !layer.blank;
    if (snapshot) this.takeSnapshot(layer);
    const spacing = Math.max(radius / 2, 0.5);
    const colour = this.colourOf(areaId);
    const bounds = growBounds(null, at, radius);
    const queued = [at];
    this.stroke = {
      layer,
      areaId,
      erase,
      radius,
      hardness,
      spacing,
      colour,
      snapshot,
      last: at,
      bounds,
      queued,
    };
    return true;
  }

  /** Queues stamps from the last sample through `samples`: the only work per pointer move. */
  continueStroke(samples: readonly Point[]): void {
    const stroke = this.stroke;
    if (stroke === null) return;
    for (const sample of samples) {
      const between = interpolate(stroke.last, sample, stroke.spacing);
      for (let i = 1; i < between.length; i += 1) stroke.queued.push(between[i] as Point);
      stroke.last = sample;
    }
  }

  /** Draws the stamps queued since the last frame (the frame's part "stroke"). */
  drawStroke(): void {
    const stroke = this.stroke;
    if (stroke === null || stroke.queued.length === 0) return;
    const stamps = stroke.queued;
    stroke.queued = [];
    this.stamp(stroke, stamps);
  }

  /** Ends the stroke; its undo patch, or null if it touched no pixel of the picture. */
  endStroke(): PaintPatch | null {
    this.drawStroke(); // its last stamps may still wait for the frame
    const stroke = this.stroke;
    this.stroke = null;
    if (stroke === null) return null;
    const rect = pixelRect(stroke.bounds, this.width, this.height);
    if (rect === null) return null;
    const { x, y, width, height } = rect;
    const after = stroke.layer.context.getImageData(x, y, width, height);
    const before =
      stroke.snapshot && this.snapshot !== null
        ? this.snapshot.context.getImageData(x, y, width, height)
        : new ImageData(width, height);
    const paintedBefore = stroke.snapshot ? countPainted(before.data, this.paintedAbove) : 0;
    const paintedChange = countPainted(after.data, this.paintedAbove) - paintedBefore;
    stroke.layer.painted += paintedChange;
    stroke.layer.blank = false;
    return { areaId: stroke.areaId, x, y, before, after, paintedChange };
  }

  /** Abandons the stroke (a second finger turned it into a pinch) and restores its pixels. */
  cancelStroke(): void {
    const stroke = this.stroke;
    this.stroke = null;
    if (stroke === null) return;
    const rect = pixelRect(stroke.bounds, this.width, this.height);
    if (rect === null) return;
    const { context } = stroke.layer;
    context.clearRect(rect.x, rect.y, rect.width, rect.height);
    if (stroke.snapshot && this.snapshot !== null) {
      const { x, y, width, height } = rect;
      context.drawImage(this.snapshot.canvas, x, y, width, height, x, y, width, height);
    }
  }

  /** Puts one side of a patch back (undo: "before", redo: "after"). */
  applyPatch(patch: PaintPatch, side: "before" | "after"): void {
    const layer = this.layerFor(patch.areaId);
    layer.context.putImageData(side === "before" ? patch.before : patch.after, patch.x, patch.y);
    layer.painted += side === "before" ? -patch.paintedChange : patch.paintedChange;
    layer.blank = false;
  }

  /** Takes the areas' canvases out (clear); they come back whole with `attach` (undo). */
  detach(areaIds: readonly string[]): DetachedLayer[] {
    const detached: DetachedLayer[] = [];
    for (const areaId of areaIds) {
      const layer = this.layers.get(areaId);
      if (layer === undefined) continue;
      this.layers.delete(areaId);
      detached.push({ areaId, layer });
    }
    if (detached.length > 0) this.invalidate();
    return detached;
  }

  attach(detached: readonly DetachedLayer[]): void {
    for (const { areaId, layer } of detached) {
      const current = this.layers.get(areaId);
      if (current !== undefined) this.release(current);
      this.layers.set(areaId, layer);
    }
    this.invalidate();
  }

  /** Replaces an area's paint with a mask whose alpha is the paint (sent by the kernel). */
  load(areaId: string, source: CanvasImageSource): void {
    const layer = this.layerFor(areaId);
    const { context } = layer;
    context.clearRect(0, 0, this.width, this.height);
    context.drawImage(source, 0, 0, this.width, this.height);
    this.recolour(layer, this.colourOf(areaId));
    const pixels = context.getImageData(0, 0, this.width, this.height).data;
    layer.painted = countPainted(pixels, this.paintedAbove);
    layer.blank = false;
  }

  /** Replaces an area's paint with a mask the kernel worked out for this view (a selection),
   * as an undoable patch of the rectangle that changed; null when no pixel did. */
  replace(areaId: string, source: CanvasImageSource): PaintPatch | null {
    const layer = this.layerFor(areaId);
    if (this.stroke?.layer === layer) this.drawStroke();
    const { width, height } = this;
    const before = layer.context.getImageData(0, 0, width, height);
    const paintedBefore = layer.painted;
    this.load(areaId, source);
    const after = layer.context.getImageData(0, 0, width, height);
    const rect = changedRect(before.data, after.data, width, height);
    if (rect === null) return null;
    const crop = (image: ImageData) =>
      new ImageData(cropPixels(image.data, width, rect), rect.width, rect.height);
    const paintedChange = layer.painted - paintedBefore;
    return {
      areaId,
      x: rect.x,
      y: rect.y,
      before: crop(before),
      after: crop(after),
      paintedChange,
    };
  }

  /** Frees every canvas's memory now rather than whenever the collector runs. */
  destroy(): void {
    this.reset(0, 0);
  }

  /** Canvases in the kernel's area order (static below dynamic), each shown or hidden; those of
   * removed or cleared areas out of the page (the frame's part "layers"). */
  draw(): void {
    const shown: HTMLCanvasElement[] = [];
    for (const style of this.styles) {
      const layer = this.layers.get(style.id);
      if (layer === undefined) continue;
      const display = style.visible ? "" : "none";
      if (layer.canvas.style.display !== display) layer.canvas.style.display = display;
      shown.push(layer.canvas);
    }
    place(this.element, shown);
  }

  private stamp(stroke: Stroke, centres: readonly Point[]): void {
    if (!isHard(stroke.hardness)) {
      this.softStamp(stroke, centres);
      return;
    }
    const { context } = stroke.layer;
    const { radius } = stroke;
    // One path for all stamps, filled once: the union of the circles, with no overdraw.
    context.beginPath();
    for (const centre of centres) {
      context.moveTo(centre.x + radius, centre.y);
      context.arc(centre.x, centre.y, radius, 0, 2 * Math.PI);
      stroke.bounds = growBounds(stroke.bounds, centre, radius);
    }
    context.globalCompositeOperation = stroke.erase ? "destination-out" : "source-over";
    context.fillStyle = stroke.colour;
    context.fill();
    context.globalCompositeOperation = "source-over";
  }

  /** Each dab a radial gradient, full in the core and fading to the rim; dabs build up. */
  private softStamp(stroke: Stroke, centres: readonly Point[]): void {
    const { context } = stroke.layer;
    const { radius, hardness } = stroke;
    const [red, green, blue] = rgb(stroke.colour);
    const stops = falloffStops(radius, hardness);
    context.globalCompositeOperation = stroke.erase ? "destination-out" : "source-over";
    for (const centre of centres) {
      const gradient = context.createRadialGradient(
        centre.x,
        centre.y,
        0,
        centre.x,
        centre.y,
        radius,
      );
      for (const [offset, alpha] of stops) {
        gradient.addColorStop(offset, `rgba(${red}, ${green}, ${blue}, ${alpha})`);
      }
      context.fillStyle = gradient;
      context.beginPath();
      context.arc(centre.x, centre.y, radius, 0, 2 * Math.PI);
      context.fill();
      stroke.bounds = growBounds(stroke.bounds, centre, radius);
    }
    context.globalCompositeOperation = "source-over";
  }

  private takeSnapshot(layer: Layer): void {
    if (this.snapshot === null) {
      const canvas = document.createElement("canvas");
      canvas.width = this.width;
      canvas.height = this.height;
      this.snapshot = { canvas, context: context2d(canvas) };
    }
    this.snapshot.context.clearRect(0, 0, this.width, this.height);
    this.snapshot.context.drawImage(layer.canvas, 0, 0);
  }

  private layerFor(areaId: string): Layer {
    const existing = this.layers.get(areaId);
    if (existing !== undefined) return existing;
    const canvas = document.createElement("canvas");
    canvas.width = this.width;
    canvas.height = this.height;
    canvas.className = "ks-painter-layer";
    canvas.dataset.area = areaId;
    const layer: Layer = { canvas, context: context2d(canvas), painted: 0, blank: true };
    this.layers.set(areaId, layer);
    this.invalidate();
    return layer;
  }

  private colourOf(areaId: string): string {
    return this.styles.find((style) => style.id === areaId)?.colour ?? "#ff00ff";
  }

  private recolour(layer: Layer, colour: string): void {
    const { context } = layer;
    context.globalCompositeOperation = "source-in";
    context.fillStyle = colour;
    context.fillRect(0, 0, this.width, this.height);
    context.globalCompositeOperation = "source-over";
  }

  private release(layer: { canvas: HTMLCanvasElement }): void {
    layer.canvas.remove();
    layer.canvas.width = 0;
    layer.canvas.height = 0;
  }
}

/** "#rrggbb" as its three channels (magenta for anything else, as `colourOf`'s fallback). */
function rgb(colour: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (match === null) return [255, 0, 255];
  return [1, 2, 3].map((i) => Number.parseInt(match[i] ?? "0", 16)) as [number, number, number];
}
