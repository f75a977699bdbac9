// The moment of the clip each shown frame is, for a drawing that has to match the frame.
// Where the browser has `requestVideoFrameCallback`, each presented frame reports its own media
// time (exact, and only when a frame changes: a paused video costs nothing, a seek reports the
// frame it lands on); elsewhere an animation frame reads `currentTime` while the video plays.
// Either way a seek, a pause and a newly loaded video report at once, so a still frame is drawn
// too.

import { animationFrames, type FrameClock } from "../lib/redraw";

/** The events after which the frame shown may have changed without playing. */
const STILL_CHANGES = ["seeked", "loadeddata", "emptied"] as const;
/** The events after which frames follow one another again. */
const PLAYING = ["play", "playing"] as const;
/** The events after which they stop. */
const STOPPED = ["pause", "ended"] as const;

export class VideoFrames {
  private handle: number | null = null;
  private following = false;
  private readonly perFrame: boolean;
  private readonly atOnce = () => this.report(this.video.currentTime);
  private readonly resume = () => {
    this.atOnce();
    this.schedule();
  };
  private readonly halt = () => {
    if (!this.perFrame) this.cancel(); // per frame, the callback waits for a seek's frame
    this.atOnce();
  };

  /** `frames`: the animation-frame clock used without `requestVideoFrameCallback`. */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onTime: (seconds: number) => void,
    private readonly frames: FrameClock = animationFrames,
  ) {
    this.perFrame = typeof video.requestVideoFrameCallback === "function";
    for (const name of STILL_CHANGES) video.addEventListener(name, this.atOnce);
    for (const name of PLAYING) video.addEventListener(name, this.resume);
    for (const name of STOPPED) video.addEventListener(name, this.halt);
  }

  /** Starts (reporting the moment now) or stops reporting. */
  follow(on: boolean): void {
    if (on === this.following) return;
    this.following = on;
    if (on) this.resume();
    else this.cancel();
  }

  destroy(): void {
    this.follow(false);
    for (const name of STILL_CHANGES) this.video.removeEventListener(name, this.atOnce);
    for (const name of PLAYING) this.video.removeEventListener(name, this.resume);
    for (const name of STOPPED) this.video.removeEventListener(name, this.halt);
  }

  private report(seconds: number): void {
    if (this.following) this.onTime(seconds);
  }

  private schedule(): void {
    if (!this.following || this.handle !== null) return;
    if (this.perFrame) {
      this.handle = this.video.requestVideoFrameCallback((_now, frame) => {
        this.handle = null;
        this.report(frame.mediaTime);
        this.schedule(); // stays asked while paused: the next frame shown is a seek's
      });
      return;
    }
    if (this.video.paused || this.video.ended) return; // a still frame is reported by its event
    this.handle = this.frames.request(() => {
      this.handle = null;
      this.report(this.video.currentTime);
      this.schedule();
    });
  }

  private cancel(): void {
    if (this.handle === null) return;
    if (this.perFrame) this.video.cancelVideoFrameCallback(this.handle);
    else this.frames.cancel(this.handle);
    this.handle = null;
  }
}
