// Corrective seeks of follower videos, timed: a follower that takes 80 ms to seek should aim 80 ms
// ahead of the clock, and must not seek again before the last one has shown a frame.

import { maySeek, smoothLatency } from "../lib/sync";

/** A seek closer than this to where a video already is would only cost a decode. */
const SAME_TIME = 1e-6;

/** Seconds of wall time, for seek latencies and cooldowns. */
function wallClock(): number {
  return performance.now() / 1000;
}

/**
 * Owns each follower's seek history (started, ended, smoothed latency). A class: it keeps
 * per-video state and a `seeked` listener per video for as long as the videos live.
 */
export class SeekTimer {
  private readonly latency = new WeakMap<HTMLVideoElement, number>();
  private readonly started = new Map<HTMLVideoElement, number>();
  private readonly ended = new WeakMap<HTMLVideoElement, number>();
  private readonly listening = new WeakSet<HTMLVideoElement>();

  /** Puts a video at `target` because a person asked (a seek, play, pause): not timed. */
  place(video: HTMLVideoElement, target: number): void {
    this.started.delete(video);
    if (Math.abs(video.currentTime - target) > SAME_TIME) video.currentTime = target;
  }

  /** A follower's corrective seek, timed so later seeks can aim where the clock will be. */
  seek(video: HTMLVideoElement, to: number): void {
    this.listen(video);
    this.started.set(video, wallClock());
    video.currentTime = to;
  }

  /** The follower's recent seek latency in wall seconds (0 before its first timed seek). */
  lead(video: HTMLVideoElement): number {
    return this.latency.get(video) ?? 0;
  }

  /** Whether `video` may seek now, given the seeks already in flight this frame. */
  allows(video: HTMLVideoElement, inFlight: number): boolean {
    return maySeek(wallClock(), this.ended.get(video), inFlight);
  }

  /** Timed seeks still decoding. */
  inFlight(): number {
    let count = 0;
    for (const video of this.started.keys()) if (video.seeking) count += 1;
    return count;
  }

  private listen(video: HTMLVideoElement): void {
    if (this.listening.has(video)) return;
    this.listening.add(video);
    video.addEventListener("seeked", () => {
      const started = this.started.get(video);
      if (started === undefined) return;
      this.started.delete(video);
      this.ended.set(video, wallClock());
      this.latency.set(video, smoothLatency(this.latency.get(video), wallClock() - started));
    });
  }
}
