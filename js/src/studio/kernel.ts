// Watches whether the kernel behind this output is still there (see lib/liveness.ts for the
// signals and why), and sends through the comm so that a send into a closed comm counts too.

import type { Gate } from "../lib/ask";
import {
  BEAT_INTERVAL_MS,
  type Disconnect,
  type KernelVerdict,
  kernelNotice,
  kernelVerdict,
  silenceSince,
} from "../lib/liveness";

/** The part of an anywidget model the watch needs (Studio's and Compare's both fit); `M` is
 * the messages its front end may send (the contract's union for that widget). */
export interface Watchable<M> {
  on(event: string, callback: (...args: never[]) => void): void;
  off(event: string, callback: (...args: never[]) => void): void;
  send(content: M, callbacks?: unknown, buffers?: ArrayBuffer[]): void;
}

export interface KernelWatchOptions {
  /** Events only the kernel causes (a trait it alone sets); custom messages always count. */
  heardOn: string;
  /** Whether a run is under way, so the kernel should be beating. */
  expectingBeats(): boolean;
  onChange(verdict: KernelVerdict): void;
}

/** Also the gate requests go through (lib/ask.ts): they end once the kernel is gone. */
export interface KernelWatch<M> extends Gate {
  verdict(): KernelVerdict;
  /** Sends to the kernel; false (and the verdict changes) when the comm is closed. */
  send(content: M, buffers?: ArrayBuffer[]): boolean;
  /** Re-judges now (after the phase changed). */
  check(): void;
  destroy(): void;
}

const CHECK_EVERY_MS = BEAT_INTERVAL_MS / 2;

export function watchKernel<M>(model: Watchable<M>, options: KernelWatchOptions): KernelWatch<M> {
  let disconnected: Disconnect = null;
  let lastHeard = performance.now();
  let lastCheck = lastHeard;
  let current: KernelVerdict = "alive";
  let requests = new AbortController();

  function check(): void {
    const now = performance.now();
    lastHeard = silenceSince(lastHeard, lastCheck, now, CHECK_EVERY_MS);
    lastCheck = now;
    if (!options.expectingBeats()) lastHeard = now; // silence counts only while beats are due
    const verdict = kernelVerdict({
      disconnected,
      expectingBeats: options.expectingBeats(),
      lastHeard,
      now,
    });
    if (verdict !== current) {
      current = verdict;
      if (verdict !== "alive") requests.abort(kernelNotice(verdict));
      else if (requests.signal.aborted) requests = new AbortController(); // silence ended
      options.onChange(verdict);
    }
  }

  const heard = () => {
    lastHeard = performance.now();
    check();
  };
  // After render the widget manager only ever sets comm_live to false (kernel restarting).
  const closed = () => {
    disconnected = disconnected ?? "restarted";
    check();
  };
  model.on("msg:custom", heard);
  model.on(options.heardOn, heard);
  model.on("comm_live_update", closed);
  const timer = window.setInterval(check, CHECK_EVERY_MS);

  return {
    verdict: () => current,
    gone: () => requests.signal,
    lost() {
      disconnected = disconnected ?? "unreachable";
      check();
    },
    send(content, buffers) {
      if (disconnected !== null) return false;
      try {
        model.send(content, undefined, buffers);
        return true;
      } catch {
        disconnected = "unreachable"; // JupyterLab throws "Cannot send" into a closed comm
        check();
        return false;
      }
    },
    check,
    destroy() {
      window.clearInterval(timer);
      model.off("msg:custom", heard);
      model.off(options.heardOn, heard);
      model.off("comm_live_update", closed);
    },
  };
}
