// Pictures from the browser to the kernel, always as binary buffers (never base64; media the
// other way arrive through lib/media.ts). Uploads go in chunks: the Jupyter server drops browser
// messages over 10 MiB.

import type { Refused, StudioReplies, StudioToKernel } from "../generated/contract";
import { refused, UNREACHABLE } from "../lib/ask";
import { STUDIO_PLANS, type StudioAsk } from "./requests";

export const CHUNK_BYTES = 4 * 1024 * 1024;
const MB = 2 ** 20;

let uploadCounter = 0;

/** Sends a message without waiting (upload chunks); false when the comm is closed. */
export type Send = (content: StudioToKernel, buffers?: ArrayBuffer[]) => boolean;

/** The request field a slot's picture becomes, as the kernel names it in its refusals. */
export function slotField(slot: string): string {
  if (slot === "image") return "image";
  if (slot === "tail") return "image_tail";
  if (slot === "clip") return "clip";
  return "image_list";
}

/** "50 MB", "61.2 MB": sizes as the kernel's refusals write them (MB of 2²⁰ bytes). */
export function megabytes(bytes: number, digits = 1): string {
  return `${(bytes / MB).toFixed(digits)} MB`;
}

/** Why a file over the catalogue's upload limit is not sent, in the kernel's words; or null. */
export function tooBig(slot: string, size: number, limit: number): Refused | null {
  if (size <= limit) return null;
  const rule = `must be ${megabytes(limit, 0)} or less to upload`;
  const value = megabytes(size);
  return refused(slotField(slot), rule, `${slotField(slot)}: ${rule} (it is ${value})`, value);
}

/**
 * Sends a file to the kernel in chunks, between two requests. A file over `limit` (the
 * catalogue's `max_upload_bytes`) is refused here, before a single message goes; the kernel may
 * still refuse it before any chunk (its own limit), or at the end (short, not a picture).
 * Resolves with the reply — the slot that took the picture, or why none did. `progress` hears
 * the share of the bytes sent after each chunk.
 */
export async function upload(
  ask: StudioAsk,
  send: Send,
  slot: string,
  file: Blob,
  name: string,
  limit: number,
  progress?: (share: number) => void,
): Promise<StudioReplies["upload-end"]> {
  const over = tooBig(slot, file.size, limit);
  if (over) return over;
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
    progress?.(Math.min(1, (offset + CHUNK_BYTES) / file.size));
  }
  return ask({ type: "upload-end", id });
}

/** Decodes picture bytes into something a canvas can draw. */
export function decode(data: ArrayBuffer, type = "image/*"): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([data], { type }));
}
