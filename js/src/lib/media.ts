// Media from the kernel arrives as `media` custom messages with one binary buffer (never base64);
// both widgets listen for them here.

import type { Media } from "../generated/contract";

export type MediaListener = (slot: string, data: ArrayBuffer, content: Media) => void;

/** The part of a model media arrives through (the Studio's and Compare's both fit). */
export interface Listenable {
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
}

/** Copies a received DataView into its own ArrayBuffer (the view may share a larger buffer). */
export function toArrayBuffer(view: DataView | ArrayBuffer): ArrayBuffer {
  if (view instanceof ArrayBuffer) return view;
  const copy = new Uint8Array(view.byteLength);
  copy.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return copy.buffer;
}

/** Listens for `media` messages; returns a function that stops listening. */
export function onMedia(model: Listenable, listener: MediaListener): () => void {
  const handler = (content: { type?: unknown }, buffers: DataView[]) => {
    const first = buffers[0];
    if (isMedia(content) && first) {
      performance.mark(`ks-media:${content.slot}`); // lets benchmarks split transfer from decoding
      listener(content.slot, toArrayBuffer(first), content);
    }
  };
  model.on("msg:custom", handler as (...args: never[]) => void);
  return () => model.off("msg:custom", handler as (...args: never[]) => void);
}

function isMedia(content: { type?: unknown; slot?: unknown }): content is Media {
  return content.type === "media" && typeof content.slot === "string";
}
