// The Studio's video, from the kernel to a playing <video>. The kernel announces a saved video
// (run, path, size) without its bytes. Under the Jupyter server's root, it plays from the
// server's own file URL, which streams it (Range requests): playback starts before the whole
// file has arrived and no bytes cross the comm. Elsewhere — outside the root, in VS Code or
// Colab (no server page config), or when that URL does not load — the bytes are asked for and
// play from a Blob URL. A class: it listens to the model and owns the video's object URL.

import type { Media } from "../generated/contract";
import { fileUrl, type ServerFiles } from "../lib/files";
import { type Listenable, toArrayBuffer } from "../lib/media";
import type { ObjectUrls } from "../lib/urls";
import type { Player } from "./player";
import type { StudioAsk } from "./requests";

const SLOT = "video";

function isVideo(content: { type?: unknown; slot?: unknown }): content is Media {
  return content.type === "media" && content.slot === SLOT;
}

export class VideoDelivery {
  private readonly handler: (content: { type?: unknown }, buffers: DataView[]) => void;
  /** The run announced last: bytes that arrive for another (asked for earlier) are not shown. */
  private latest: string | null = null;

  constructor(
    private readonly model: Listenable,
    private readonly ask: StudioAsk,
    private readonly player: Pick<Player, "show" | "refused">,
    private readonly urls: ObjectUrls,
    private readonly files: ServerFiles | null,
  ) {
    this.handler = (content, buffers) => {
      if (!isVideo(content)) return;
      const first = buffers[0];
      if (first) this.bytes(content, toArrayBuffer(first));
      else this.announced(content);
    };
    model.on("msg:custom", this.handler as (...args: never[]) => void);
  }

  /** A saved video: from the server when it serves the file, else its bytes are asked for. */
  private announced(content: Media): void {
    performance.mark("ks-video:announced"); // lets the benchmark split the comm from loading
    const run = content.run ?? "";
    const path = content.path ?? "";
    this.latest = run;
    const url = fileUrl(path, this.files);
    if (url === null) {
      this.fetchBytes(run);
      return;
    }
    this.player.show(run, url, path, true);
    this.urls.revoke(SLOT); // the bytes an earlier video played from are no longer needed
  }

  /** The server's URL did not load (or there is none): ask the kernel for the bytes. */
  fetchBytes(run: string): void {
    void this.ask({ type: "video-bytes", run }).then((reply) => {
      if (!reply.ok) this.player.refused(reply.error);
    });
  }

  private bytes(content: Media, data: ArrayBuffer): void {
    if (content.run !== this.latest) return;
    const url = this.urls.set(SLOT, new Blob([data], { type: "video/mp4" }));
    this.player.show(content.run ?? "", url, content.path ?? "", false);
  }

  destroy(): void {
    this.model.off("msg:custom", this.handler as (...args: never[]) => void);
  }
}
