// "Path from a clip" in the browser: the chosen video goes to the kernel's `clip` slot (chunked,
// its progress shown), its first frame comes back to click on, and the click becomes a
// `track-path` request whose points are committed as one undoable edit of the area's path. The
// newest choice and the newest click count: an older upload or track that ends later is dropped
// (the kernel supersedes the track too). A class: the Painter drives it through methods and
// draws its `view` in its frame.

import type { StudioReplies, TrackPath } from "../../generated/contract";
import type { Point } from "../../lib/geometry";
import type { ClipView } from "./pathbar";

export interface ClipHost {
  /** Sends the file to the `clip` slot (refused here over the catalogue's `max_clip_bytes`). */
  upload(file: File, progress: (share: number) => void): Promise<StudioReplies["upload-end"]>;
  track(request: TrackPath): Promise<StudioReplies["track-path"]>;
  /** The dynamic area the path is for (the selected one), or null. */
  target(): string | null;
  /** The tracked points become the area's path: one undoable edit. */
  commit(areaId: string, points: Point[]): void;
  /** The view changed: the painter's frame should draw it. */
  invalidate(): void;
}

export class ClipPaths {
  private current: ClipView | null = null;
  /** The first frame the kernel sent last (its object URL), waiting for its upload's reply. */
  private frameUrl: string | null = null;
  private choices = 0;
  private tracks = 0;

  constructor(private readonly host: ClipHost) {}

  get view(): ClipView | null {
    return this.current;
  }

  /** The kernel's `media` "clip": the first frame, as an object URL. */
  frameArrived(url: string): void {
    this.frameUrl = url;
  }

  async choose(file: File): Promise<void> {
    this.choices += 1;
    this.tracks += 1;
    const choice = this.choices;
    this.frameUrl = null;
    this.set({
      name: file.name,
      progress: 0,
      frame: null,
      tracking: false,
      notes: [],
      error: null,
    });
    const reply = await this.host.upload(file, (share) => {
      if (choice === this.choices && this.current !== null)
        this.set({ ...this.current, progress: share });
    });
    if (choice !== this.choices || this.current === null) return; // another clip was chosen
    if (!reply.ok) {
      this.set({ ...this.current, progress: null, error: `Could not use it: ${reply.error.text}` });
      return;
    }
    if (!("frames" in reply) || this.frameUrl === null) {
      this.set({
        ...this.current,
        progress: null,
        error: "The clip's first frame did not arrive.",
      });
      return;
    }
    const { width, height, seconds } = reply;
    this.set({
      ...this.current,
      progress: null,
      frame: { url: this.frameUrl, width, height, seconds },
    });
  }

  /** Follow the thing at `point` (the clip's pixels) into the selected dynamic area's path. */
  async track(point: Point): Promise<void> {
    const view = this.current;
    if (view?.frame == null) return;
    const area = this.host.target();
    if (area === null) {
      this.set({ ...view, error: "Select a dynamic area for the path first." });
      return;
    }
    this.tracks += 1;
    const ticket = this.tracks;
    this.set({ ...view, tracking: true, notes: [], error: null });
    const reply = await this.host.track({ type: "track-path", area, point: [point.x, point.y] });
    if (ticket !== this.tracks || this.current === null) return; // a newer click counts
    if (!reply.ok) {
      this.set({
        ...this.current,
        tracking: false,
        error: `Could not follow it: ${reply.error.text}`,
      });
      return;
    }
    this.host.commit(
      reply.area,
      reply.points.map(([x, y]) => ({ x, y })),
    );
    const made = `The path has ${reply.points.length} points, at equal steps of time.`;
    this.set({ ...this.current, tracking: false, notes: [made, ...reply.notes] });
  }

  close(): void {
    this.choices += 1;
    this.tracks += 1;
    this.set(null);
  }

  private set(view: ClipView | null): void {
    this.current = view;
    this.host.invalidate();
  }
}
