// Carries out lib/sync's decisions on <video> elements: which play, which hold their last frame,
// and how each follower is corrected against the clip keeping time. Reads only currentTime,
// duration, paused, seeking and readyState; writes only what changes.

import { correction, END_EPSILON, type Position } from "../lib/sync";
import type { SeekTimer } from "./seeks";

/** A video still seeking, or playing but starved of frames, would only be corrected wrongly. */
function busy(video: HTMLVideoElement): boolean {
  return video.seeking || (!video.paused && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA);
}

/**
 * Plays a video. A browser may refuse to play sound not asked for by a click or a key
 * (autoplay rules): that video then plays muted (its `volumechange` tells the view it is no
 * longer heard) rather than stall the clip keeping time.
 */
export function resume(video: HTMLVideoElement): void {
  void video.play().catch((error: unknown) => {
    // Otherwise a later frame retries; pause() may interrupt play().
    if (!video.muted && error instanceof DOMException && error.name === "NotAllowedError") {
      video.muted = true;
      resume(video);
    }
  });
}

export function position(video: HTMLVideoElement): Position {
  return { time: video.currentTime, duration: video.duration };
}

/** Plays the videos timeline time `time` is inside of; holds the others on their last frame. */
export function startAll(videos: readonly HTMLVideoElement[], time: number, speed: number): void {
  for (const video of videos) {
    video.playbackRate = speed;
    if (time < video.duration - END_EPSILON) resume(video);
    else if (!video.paused) video.pause();
  }
}

/** Pauses every video and puts it back to the common rate. */
export function pauseAll(videos: readonly HTMLVideoElement[], speed: number): void {
  for (const video of videos) {
    if (!video.paused) video.pause();
    video.playbackRate = speed;
  }
}

/** Corrects every video but the clock (`index`) against timeline time `time`. */
export function follow(
  videos: readonly HTMLVideoElement[],
  positions: readonly Position[],
  index: number,
  time: number,
  speed: number,
  seeks: SeekTimer,
): void {
  let inFlight = seeks.inFlight();
  videos.forEach((video, i) => {
    const at = positions[i];
    if (i === index || at === undefined || busy(video)) return;
    const fix = correction(time, at.time, at.duration, speed, {
      seekLead: seeks.lead(video),
      nudged: video.playbackRate !== speed,
      canSeek: seeks.allows(video, inFlight),
    });
    if (fix.seek !== undefined) {
      inFlight += 1;
      seeks.seek(video, fix.seek);
    }
    if (fix.pause) {
      if (!video.paused) video.pause();
    } else if (video.paused && (fix.seek !== undefined || !video.ended)) {
      resume(video);
    }
    if (video.playbackRate !== fix.rate) video.playbackRate = fix.rate;
  });
}
