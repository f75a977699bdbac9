// The motion check's paths drawn over the playing video ("Show paths"): a canvas laid exactly
// over the part of the <video> that shows the frame (object-fit: contain leaves bars around it),
// redrawn for each frame shown (studio/videoframes.ts), on a seek and a pause, and when the video
// or its element changes size. The check's points are the start picture's pixels; the picture
// was centre-cropped into the video's frame ("cover"), and lib/videofit.ts maps both steps.
// Areas take the painter's colours (the kernel's `areas`, found by the area's name), given by
// `colourOf`; one the Studio no longer has takes the accent, the canvas's CSS colour.

import type { MotionCheck } from "../generated/contract";
import { pathScene } from "../lib/pathscene";
import type { FrameClock } from "../lib/redraw";
import { compose, type Display, pictureOnVideo } from "../lib/videofit";
import { h } from "./dom";
import { drawScene, type Pen } from "./pathdrawing";
import { VideoFrames } from "./videoframes";

/** A check the overlay can draw: measured, with at least one requested point. */
export function hasPaths(check: MotionCheck | null): check is MotionCheck {
  return check?.state === "done" && check.areas.some((area) => area.requested.length > 0);
}

/** The clip's length: the video's own, or (before it is known) the last measured moment. */
function clipSeconds(video: HTMLVideoElement, check: MotionCheck): number {
  if (Number.isFinite(video.duration) && video.duration > 0) return video.duration;
  return Math.max(0, ...check.areas.flatMap((area) => area.times));
}

function pixels(value: string): number {
  return Number.parseFloat(value) || 0;
}

export class PathOverlay {
  readonly canvas: HTMLCanvasElement;
  private check: MotionCheck | null = null;
  private on = false;
  private display: Display | null = null;
  private fallback = "";
  private time = 0;
  private readonly frames: VideoFrames;
  private readonly observer: ResizeObserver | null;
  private readonly remeasure = () => {
    if (!this.active()) return;
    this.measure();
    this.draw(this.time);
  };

  /** `colourOf`: an area's colour by its name, or null when the Studio has no such area. */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly colourOf: (area: string) => string | null,
    frames?: FrameClock,
  ) {
    this.canvas = h("canvas", {
      class: "ks-path-overlay",
      "aria-hidden": "true", // the panel says in words what the lines show
      "data-testid": "motion-overlay",
      hidden: true,
    });
    this.frames = new VideoFrames(video, (seconds) => this.draw(seconds), frames);
    video.addEventListener("loadedmetadata", this.remeasure);
    video.addEventListener("resize", this.remeasure); // the frame's own size changed
    this.observer =
      typeof ResizeObserver === "function" ? new ResizeObserver(this.remeasure) : null;
    this.observer?.observe(video);
  }

  /** The check whose paths to draw (null: none). */
  show(check: MotionCheck | null): void {
    if (check === this.check) return;
    this.check = check;
    this.refresh();
  }

  /** Whether the person asked to see the paths. */
  setOn(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    this.refresh();
  }

  /** The areas' colours changed: draw again. */
  recolour(): void {
    if (this.active()) this.draw(this.time);
  }

  destroy(): void {
    this.frames.destroy();
    this.observer?.disconnect();
    this.video.removeEventListener("loadedmetadata", this.remeasure);
    this.video.removeEventListener("resize", this.remeasure);
  }

  private active(): boolean {
    return this.on && hasPaths(this.check);
  }

  private refresh(): void {
    const active = this.active();
    this.canvas.hidden = !active;
    if (active) {
      this.measure();
      this.draw(this.video.currentTime || 0);
    }
    this.frames.follow(active);
  }

  /** Lays the canvas over the shown frame, at the screen's pixel density. */
  private measure(): void {
    const check = this.check;
    const [width = 0, height = 0] = check?.picture ?? [];
    const style = getComputedStyle(this.video);
    const left = pixels(style.paddingLeft);
    const top = pixels(style.paddingTop);
    const box = {
      width: this.video.clientWidth - left - pixels(style.paddingRight),
      height: this.video.clientHeight - top - pixels(style.paddingBottom),
    };
    const frame = { width: this.video.videoWidth, height: this.video.videoHeight };
    this.display = pictureOnVideo({ width, height }, frame, box);
    this.canvas.dataset.placed = String(this.display !== null);
    if (this.display === null) return;
    const { rect } = this.display;
    const ratio = window.devicePixelRatio || 1;
    Object.assign(this.canvas.style, {
      left: `${this.video.offsetLeft + this.video.clientLeft + left + rect.left}px`,
      top: `${this.video.offsetTop + this.video.clientTop + top + rect.top}px`,
      width: `${rect.width}px`,
      height: `${rect.height}px`,
    });
    this.canvas.width = Math.max(1, Math.round(rect.width * ratio));
    this.canvas.height = Math.max(1, Math.round(rect.height * ratio));
    this.fallback = getComputedStyle(this.canvas).color || "currentcolor";
  }

  private draw(seconds: number): void {
    this.time = seconds;
    const check = this.check;
    if (!this.active() || check === null || this.display === null) return;
    this.canvas.dataset.time = seconds.toFixed(3);
    const pen: Pen | null = this.canvas.getContext("2d");
    if (pen === null) return;
    const ratio = this.canvas.width / this.display.rect.width;
    const map = compose(this.display.toRect, { scale: ratio, dx: 0, dy: 0 });
    const colour = (area: string) => this.colourOf(area) ?? this.fallback;
    const scene = pathScene(check, seconds, clipSeconds(this.video, check), map, colour);
    pen.clearRect(0, 0, this.canvas.width, this.canvas.height);
    drawScene(pen, scene, ratio);
  }
}
