import { describe, expect, it } from "vitest";
import type { StudioToKernel } from "../generated/contract";
import type { StudioAsk } from "./requests";
import { CHUNK_BYTES, tooBig, upload } from "./transfer";

const LIMIT = 50 * 2 ** 20;

/** A kernel that accepts everything, recording every message it is sent. */
function kernel() {
  const sent: string[] = [];
  const ask = ((msg: StudioToKernel) => {
    sent.push(msg.type);
    const reply = msg.type === "upload-end" ? { ok: true, slot: "image" } : { ok: true };
    return Promise.resolve(reply);
  }) as unknown as StudioAsk;
  const send = (content: StudioToKernel) => {
    sent.push(content.type);
    return true;
  };
  return { ask, send, sent };
}

describe("upload", () => {
  it("refuses a file over the limit in words, without sending a single message", async () => {
    const { ask, send, sent } = kernel();
    const big = new Blob([new ArrayBuffer(60 * 2 ** 20)]);
    const reply = await upload(ask, send, "tail", big, "big.png", LIMIT);
    expect(sent).toEqual([]);
    expect(reply).toEqual({
      ok: false,
      error: {
        field: "image_tail",
        rule: "must be 50 MB or less to upload",
        value: "60.0 MB",
        text: "image_tail: must be 50 MB or less to upload (it is 60.0 MB)",
      },
    });
  });

  it("sends a file within the limit between its begin and end, in chunks", async () => {
    const { ask, send, sent } = kernel();
    const file = new Blob([new ArrayBuffer(CHUNK_BYTES + 1)]);
    const reply = await upload(ask, send, "image", file, "photo.png", LIMIT);
    expect(reply.ok).toBe(true);
    expect(sent).toEqual(["upload-begin", "upload-chunk", "upload-chunk", "upload-end"]);
  });

  it("takes a file of exactly the limit", () => {
    expect(tooBig("multi", LIMIT, LIMIT)).toBeNull();
    expect(tooBig("multi", LIMIT + 1, LIMIT)?.error.field).toBe("image_list");
  });
});
