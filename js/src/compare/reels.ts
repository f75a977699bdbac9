// One <video> per cell, kept across re-renders (a card that moves keeps playing) and fed the
// kernel's bytes as a Blob URL. Inline, without native controls: the transport drives them all.
// Each starts muted (muted video may be played from script without a click); the view unmutes
// the one heard, and hears of every change of a video's muting (`onVolume`). A class: it owns
// the videos and their object URLs, released by `keep` and `destroy`.

import { fingerprint } from "../lib/fingerprint";
import { h } from "../studio/dom";

interface Reel {
  video: HTMLVideoElement;
  url: string;
  print: string;
}

export class Reels {
  private readonly byCell = new Map<string, Reel>();

  /**
   * `onChange` runs when a video gets new bytes or learns its duration; `onVolume` when a
   * video's muting changed, by the view or otherwise (a browser refusing its sound).
   */
  constructor(
    private readonly onChange: () => void,
    private readonly onVolume: (id: string, muted: boolean) => void = () => {},
  ) {}

  /** Shows these mp4 bytes in the cell's video, unless it already shows the same bytes. */
  load(id: string, data: ArrayBuffer): void {
    const print = fingerprint(data);
    const old = this.byCell.get(id);
    if (old?.print === print) return;
    const video = old?.video ?? this.create(id);
    const url = URL.createObjectURL(new Blob([data], { type: "video/mp4" }));
    video.src = url;
    if (old) URL.revokeObjectURL(old.url);
    this.byCell.set(id, { video, url, print });
    this.onChange();
  }

  /** The cell's video once it has bytes. */
  get(id: string): HTMLVideoElement | undefined {
    return this.byCell.get(id)?.video;
  }

  /** Forgets the videos of cells that no longer exist. */
  keep(ids: ReadonlySet<string>): void {
    for (const [id, reel] of this.byCell) {
      if (ids.has(id)) continue;
      drop(reel);
      this.byCell.delete(id);
    }
  }

  destroy(): void {
    for (const reel of this.byCell.values()) drop(reel);
    this.byCell.clear();
  }

  private create(id: string): HTMLVideoElement {
    const video = h("video", {
      class: "kc-video",
      muted: true,
      playsinline: true,
      preload: "auto",
      "data-cell": id,
      "data-testid": `video-${id}`,
    });
    video.muted = true; // the attribute alone does not mute an element made by script
    video.defaultMuted = true;
    for (const event of ["loadedmetadata", "durationchange", "emptied"]) {
      video.addEventListener(event, this.onChange);
    }
    video.addEventListener("volumechange", () => this.onVolume(id, video.muted));
    return video;
  }
}

function drop(reel: Reel): void {
  reel.video.pause();
  reel.video.removeAttribute("src");
  reel.video.load();
  reel.video.remove();
  URL.revokeObjectURL(reel.url);
}
