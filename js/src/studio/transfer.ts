// Pictures from the browser to the kernel, always as binary buffers (never base64; media the
// other way arrive through lib/media.ts). Uploads go in chunks: the Jupyter server drops browser
// messages over 10 MiB.

import type { StudioReplies, StudioToKernel } from "../generated/contract";
import { refused, UNREACHABLE } from "../lib/ask";
import { STUDIO_PLANS, type StudioAsk } from "./requests";

export const CHUNK_BYTES = 4 * 1024 * 1024;

let uploadCounter = 0;

/** Sends a message without waiting (upload chunks); false when the comm is closed. */
export type Send = (content: StudioToKernel, buffers?: ArrayBuffer[]) => boolean;

/**
 * Sends a file to the kernel in chunks, between two requests: the kernel may refuse it before
 * any chunk is sent (over the upload limit), or at the end (short, not a picture, too small).
 * Resolves with the reply — the slot that took the picture, or why none did.
 */
export async function upload(
  ask: StudioAsk,
  send: Send,
  slot: string,
  file: Blob,
  name: string,
): Promise<StudioReplies["upload-end"]> {
  uploadCounter += 1;
  const id = `${Date.now().toString(36)}-${uploadCounter}`;
  const begun = await ask({ type: "upload-begin", id, slot, name, size: file.size });
  if (!begun.ok) return begun;
  let index = 0;
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const chunk = await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
    if (!send({ type: "upload-chunk", id, index }, [chunk])) {
      return refused(STUDIO_PLANS["upload-end"].field, "the kernel must be reachable", UNREACHABLE);
    }
    index += 1;
  }
  return ask({ type: "upload-end", id });
}

/** Decodes picture bytes into something a canvas can draw. */
export function decode(data: ArrayBuffer, type = "image/*"): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([data], { type }));
}
