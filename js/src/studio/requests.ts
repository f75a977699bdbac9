// The Studio's requests (what can fail), each with a timeout sized to its work: the reply comes
// when the work is accepted or refused, while progress goes on in the `status` trait.

import type { StudioReplies, StudioToKernel } from "../generated/contract";
import type { Asker, Plan } from "../lib/ask";

export type StudioAsk = Asker<StudioReplies, StudioToKernel>;

export const STUDIO_PLANS: { [K in keyof StudioReplies]: Plan } = {
  // A check; the time is for a kernel busy with another cell.
  "upload-begin": { timeoutMs: 30_000, field: "image" },
  // Decoding and checking a picture of up to 50 MB.
  "upload-end": { timeoutMs: 120_000, field: "image" },
  // The kernel's fetch gives up after 60 s without data; then it decodes.
  "fetch-url": { timeoutMs: 180_000, field: "url" },
  // Checking, then creating: a create may wait up to 30 min for a free task slot (1303).
  generate: { timeoutMs: 35 * 60_000, field: "generate" },
  // Reading the task journal.
  resume: { timeoutMs: 60_000, field: "resume" },
  // Reading a saved video (up to a few hundred MB) and sending it over the comm.
  "video-bytes": { timeoutMs: 120_000, field: "video" },
  // Click to select: well under a second at 12 MP, unless a cell keeps the kernel busy.
  select: { timeoutMs: 60_000, field: "select" },
  // A preset over at most 77 points.
  "shape-path": { timeoutMs: 30_000, field: "path" },
  // Decoding and following a short clip (a few seconds of work).
  "track-path": { timeoutMs: 120_000, field: "clip" },
  // Writing a PNG per area.
  "export-masks": { timeoutMs: 60_000, field: "export" },
  // Rendering the brush's last frame and inpainting what the areas uncover (0.5–2 s at 12 MP),
  // then sending its PNG, unless a cell keeps the kernel busy.
  "make-end-frame": { timeoutMs: 120_000, field: "end_frame" },
  // Storing the end frame just made in the end frame slot and sending its picture.
  "use-end-frame": { timeoutMs: 60_000, field: "end_frame" },
  // Adding a sentence to the prompt: a check.
  "add-camera-phrase": { timeoutMs: 30_000, field: "camera_phrase" },
};
