// Pictures from the browser to the kernel, always as binary buffers (never base64; media the
// other way arrive through lib/media.ts). Uploads go in chunks: the Jupyter server drops browser
// messages over 10 MiB.

import type { Model } from "./model";

export const CHUNK_BYTES = 4 * 1024 * 1024;

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
