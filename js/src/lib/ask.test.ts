import { describe, expect, it } from "vitest";
import type { Refused, StudioReplies, StudioToKernel } from "../generated/contract";
import { ask, asker, duration, type Gate, type Invoke, type Plan, UNREACHABLE } from "./ask";

const PLAN: Plan = { timeoutMs: 1_000, field: "url" };

interface Sent {
  name: string;
  msg: unknown;
  signal: AbortSignal | undefined;
}

/**
 * An invoke that keeps anywidget's contract (0.11, packages/anywidget/src/invoke.ts): it sends,
 * resolves with `[response, buffers]` when the kernel answers, and rejects with the signal's
 * reason when the signal aborts first. `answer` plays the kernel: a value, or never.
 */
function kernel(answer: (name: string, msg: unknown) => unknown | typeof SILENT): {
  invoke: Invoke;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const invoke: Invoke = (name, msg, options = {}) =>
    new Promise((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason));
      sent.push({ name, msg, signal });
      const response = answer(name, msg);
      if (response !== SILENT) queueMicrotask(() => resolve([response, []]));
    });
  return { invoke, sent };
}
const SILENT = Symbol("silent");

/** A kernel watch as far as requests see it. */
function gate(): Gate & { abort(reason: string): void; losses: number } {
  const controller = new AbortController();
  const state = {
    losses: 0,
    gone: () => controller.signal,
    lost() {
      state.losses += 1;
    },
    abort: (reason: string) => controller.abort(reason),
  };
  return state;
}

describe("ask", () => {
  it("resolves with the kernel's reply, ok or not", async () => {
    const ok = { ok: true, slot: "image", name: "a.jpg", width: 640, height: 360 };
    const no: Refused = {
      ok: false,
      error: { field: "image", rule: "must be a picture", value: "x", text: "image: nope" },
    };
    expect(await ask(kernel(() => ok).invoke, "fetch-url", {}, PLAN)).toEqual(ok);
    expect(await ask(kernel(() => no).invoke, "fetch-url", {}, PLAN)).toEqual(no);
  });

  it("passes its own signal, so invoke's 3 s default never applies", async () => {
    const { invoke, sent } = kernel(() => ({ ok: true }));
    await ask(invoke, "generate", { type: "generate" }, { timeoutMs: 600_000, field: "generate" });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.name).toBe("generate");
    expect(sent[0]?.msg).toEqual({ type: "generate" });
    expect(sent[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(sent[0]?.signal?.aborted).toBe(false);
  });

  it("turns a kernel that does not answer in time into words naming the wait", async () => {
    const reply = await ask(
      kernel(() => SILENT).invoke,
      "fetch-url",
      {},
      {
        timeoutMs: 30,
        field: "url",
      },
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        field: "url",
        rule: "the kernel must answer within 30 ms",
        value: "fetch-url",
        text: "No answer from the kernel within 30 ms: it may be busy running a cell. Try again once it is idle.",
      },
    });
  });

  it("ends a waiting request with the watch's words once the kernel is gone", async () => {
    const watch = gate();
    const pending = ask(kernel(() => SILENT).invoke, "retry", {}, PLAN, watch);
    watch.abort("The kernel restarted — run the cell again.");
    const reply = await pending;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toEqual({
      field: "url",
      rule: "the kernel must be running",
      value: null,
      text: "The kernel restarted — run the cell again.",
    });
  });

  it("sends nothing once the kernel is known to be gone", async () => {
    const watch = gate();
    watch.abort("The kernel is gone (restarted or shut down) — run the cell again.");
    const { invoke, sent } = kernel(() => ({ ok: true }));
    const reply = await ask(invoke, "generate", {}, PLAN, watch);
    expect(sent).toEqual([]);
    expect(!reply.ok && reply.error.rule).toBe("the kernel must be running");
  });

  it("reports a closed comm (the send throws) to the watch and in words", async () => {
    const watch = gate();
    const closed: Invoke = () =>
      new Promise(() => {
        throw new Error("Cannot send");
      });
    const reply = await ask(closed, "upload-begin", {}, PLAN, watch);
    expect(!reply.ok && reply.error.text).toBe(UNREACHABLE);
    expect(watch.losses).toBe(1);
  });

  it("refuses an answer that is not a reply rather than passing it on", async () => {
    for (const garbage of [null, "yes", { ok: "yes" }, { ok: false }, { ok: false, error: {} }]) {
      const reply = await ask(kernel(() => garbage).invoke, "resume", {}, PLAN);
      expect(!reply.ok && reply.error.rule).toBe("the kernel's answer must be a reply");
    }
  });
});

describe("asker", () => {
  it("names the request by the message's type and uses that request's plan", async () => {
    const { invoke, sent } = kernel(() => SILENT);
    const plans: Record<keyof StudioReplies, Plan> = {
      "upload-begin": { timeoutMs: 10, field: "image" },
      "upload-end": { timeoutMs: 10, field: "image" },
      "fetch-url": { timeoutMs: 10, field: "url" },
      generate: { timeoutMs: 20, field: "generate" },
      resume: { timeoutMs: 10, field: "resume" },
      "video-bytes": { timeoutMs: 10, field: "video" },
      select: { timeoutMs: 10, field: "select" },
      "shape-path": { timeoutMs: 10, field: "path" },
      "track-path": { timeoutMs: 10, field: "clip" },
      "export-masks": { timeoutMs: 10, field: "export" },
      "make-end-frame": { timeoutMs: 10, field: "end_frame" },
      "use-end-frame": { timeoutMs: 10, field: "end_frame" },
      "add-camera-phrase": { timeoutMs: 10, field: "camera_phrase" },
    };
    const studio = asker<StudioReplies, StudioToKernel>(invoke, plans);
    const reply = await studio({ type: "generate", allow_over_budget: false });
    expect(sent[0]?.name).toBe("generate");
    expect(!reply.ok && reply.error.field).toBe("generate");
    expect(!reply.ok && reply.error.rule).toBe("the kernel must answer within 20 ms");
  });
});

describe("duration", () => {
  it("says a timeout as people read it", () => {
    expect(duration(20)).toBe("20 ms");
    expect(duration(30_000)).toBe("30 s");
    expect(duration(35 * 60_000)).toBe("35 min");
  });
});
