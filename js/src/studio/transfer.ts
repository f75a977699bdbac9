// Heavy media between browser and kernel, always as binary buffers (never base64).
// Uploads go in chunks: the Jupyter server drops browser messages over 10 MiB.

import type { Media } from "../generated/contract";
import type { Model } from "./model";

export const CHUNK_BYTES = 4 * 1024 * 1024;

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

let uploadCounter = 0;

/** Sends a file to the kernel in chunks; the kernel checks it arrived whole. */
export async function upload(model: Model, slot: string, file: Blob, name: string): Promise<void> {
  uploadCounter += 1;
  const id = `${Date.now().toString(36)}-${uploadCounter}`;
  model.send({ type: "upload-begin", id, slot, name, size: file.size });
  let index = 0;
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const chunk = await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
    model.send({ type: "upload-chunk", id, index }, undefined, [chunk]);
    index += 1;
  }
  model.send({ type: "upload-end", id });
}

/** Decodes picture bytes into something a canvas can draw. */
export function decode(data: ArrayBuffer, type = "image/*"): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([data], { type }));
}
