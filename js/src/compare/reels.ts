// One <video> per cell, kept across re-renders (a card that moves keeps playing) and fed the
// kernel's bytes as a Blob URL. Muted and inline, without native controls: the transport drives
// them all, and muted video may be played from script without a click.

import { fingerprint } from "../lib/fingerprint";
import { h } from "../studio/dom";

export interface Reels {
  /** Shows these mp4 bytes in the cell's video, unless it already shows the same bytes. */
  load(id: string, data: ArrayBuffer): void;
  /** The cell's video once it has bytes. */
  get(id: string): HTMLVideoElement | undefined;
  /** Forgets the videos of cells that no longer exist. */
  keep(ids: ReadonlySet<string>): void;
  destroy(): void;
}

interface Reel {
  video: HTMLVideoElement;
  url: string;
  print: string;
}

/** `onChange` runs when a video gets new bytes or learns its duration. */
export function reels(onChange: () => void): Reels {
  const byCell = new Map<string, Reel>();

  function create(id: string): HTMLVideoElement {
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
      video.addEventListener(event, onChange);
    }
    return video;
  }

  function drop(reel: Reel): void {
    reel.video.pause();
    reel.video.removeAttribute("src");
    reel.video.load();
    reel.video.remove();
    URL.revokeObjectURL(reel.url);
  }

  return {
    load(id, data) {
      const print = fingerprint(data);
      const old = byCell.get(id);
      if (old?.print === print) return;
      const video = old?.video ?? create(id);
      const url = URL.createObjectURL(new Blob([data], { type: "video/mp4" }));
      video.src = url;
      if (old) URL.revokeObjectURL(old.url);
      byCell.set(id, { video, url, print });
      onChange();
    },
    get(id) {
      return byCell.get(id)?.video;
    },
    keep(ids) {
      for (const [id, reel] of byCell) {
        if (ids.has(id)) continue;
        drop(reel);
        byCell.delete(id);
      }
    },
    destroy() {
      for (const reel of byCell.values()) drop(reel);
      byCell.clear();
    },
  };
}
