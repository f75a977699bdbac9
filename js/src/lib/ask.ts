// Requests to the kernel that can fail, over anywidget's `experimental.invoke`: one typed call
// that always ends in a reply — the kernel's own, or one made here, in words, when the kernel does
// not answer in time, is known to be gone, or cannot be reached — so every error reaches the
// control that asked. Each request gets a timeout sized to its work (invoke's default is 3 s);
// progress meanwhile still arrives through the traits.

import type { Refused } from "../generated/contract";

/** anywidget's `experimental.invoke` (render's third argument), as far as this uses it. */
export type Invoke = (
  name: string,
  msg: unknown,
  options?: { buffers?: ArrayBuffer[]; signal?: AbortSignal },
) => Promise<[unknown, unknown]>;

/** How long a request may take, and the field its own errors name (the control that asks). */
export interface Plan {
  timeoutMs: number;
  field: string;
}

/** What a request needs of the kernel watch. */
export interface Gate {
  /** Aborted, with the words why, once the kernel is known to be gone. */
  gone(): AbortSignal;
  /** A send found the comm closed. */
  lost(): void;
}

export const UNREACHABLE =
  "The kernel is gone (restarted or shut down), so this was not sent — run the cell again.";

/** A refusal made on this side, in the kernel's shape. */
export function refused(
  field: string,
  rule: string,
  text: string,
  value: string | null = null,
): Refused {
  return { ok: false, error: { field, rule, value, text } };
}

/** "2 min", "30 s", "20 ms": a timeout as people read it. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function isReply(value: unknown): value is { ok: boolean } {
  if (typeof value !== "object" || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: { text?: unknown } };
  if (ok === true) return true;
  return ok === false && typeof error?.text === "string";
}

function reasonText(reason: unknown): string {
  if (typeof reason === "string") return reason;
  if (reason instanceof Error && reason.message) return reason.message;
  return "The kernel is gone — run the cell again.";
}

/**
 * Sends `msg` as request `name` and resolves with the kernel's reply, or with a refusal that
 * says why there is none; it never rejects.
 */
export async function ask<R extends { ok: boolean } = { ok: true }>(
  invoke: Invoke,
  name: string,
  msg: unknown,
  plan: Plan,
  gate?: Gate,
  buffers?: ArrayBuffer[],
): Promise<R | Refused> {
  const gone = gate?.gone();
  const goneReply = () =>
    refused(plan.field, "the kernel must be running", reasonText(gone?.reason), null);
  if (gone?.aborted) return goneReply();
  const timeout = AbortSignal.timeout(plan.timeoutMs);
  const signal = gone ? AbortSignal.any([timeout, gone]) : timeout;
  let response: unknown;
  try {
    [response] = await invoke(name, msg, buffers ? { signal, buffers } : { signal });
  } catch {
    if (gone?.aborted) return goneReply();
    if (timeout.aborted) {
      const within = duration(plan.timeoutMs);
      return refused(
        plan.field,
        `the kernel must answer within ${within}`,
        `No answer from the kernel within ${within}: it may be busy running a cell. ` +
          "Try again once it is idle.",
        name,
      );
    }
    gate?.lost(); // invoke's send threw: the comm is closed
    return refused(plan.field, "the kernel must be reachable", UNREACHABLE, name);
  }
  if (isReply(response)) return response as R;
  return refused(
    plan.field,
    "the kernel's answer must be a reply",
    `The kernel's answer to ${name} was not understood; the widget and the kernel may be ` +
      "different versions — restart the kernel and run the cell again.",
    name,
  );
}

/** A request message: its `type` is the request's name. */
export interface Typed {
  type: string;
}

/** Typed requests for one widget: the reply type follows from the message's `type`. */
export type Asker<Replies, Msg extends Typed> = <K extends keyof Replies & Msg["type"]>(
  msg: Extract<Msg, { type: K }>,
  buffers?: ArrayBuffer[],
) => Promise<Replies[K]>;

/** `ask` bound to one widget's requests, each with its own plan. */
export function asker<Replies, Msg extends Typed>(
  invoke: Invoke,
  plans: { [K in keyof Replies]: Plan },
  gate?: Gate,
): Asker<Replies, Msg> {
  return <K extends keyof Replies & Msg["type"]>(
    msg: Extract<Msg, { type: K }>,
    buffers?: ArrayBuffer[],
  ) => {
    const name = msg.type as K;
    const reply = ask(invoke, name, msg, plans[name], gate, buffers);
    return reply as Promise<unknown> as Promise<Replies[K]>;
  };
}
