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

const CHECK_EVERY_MS = BEAT_INTERVAL_MS / 2;

/**
 * The watch over one output's kernel; also the gate requests go through (lib/ask.ts): they end
 * once the kernel is gone. A class: it owns a timer and listeners on the model, released by
 * `destroy`.
 */
export class KernelWatch<M> implements Gate {
  private disconnected: Disconnect = null;
  private lastHeard = performance.now();
  private lastCheck = this.lastHeard;
  private current: KernelVerdict = "alive";
  private requests = new AbortController();
  private readonly timer: number;
  private readonly heard = (): void => {
    this.lastHeard = performance.now();
    this.check();
  };
  /** After render the widget manager only ever sets comm_live to false (kernel restarting). */
  private readonly closed = (): void => {
    this.disconnected = this.disconnected ?? "restarted";
    this.check();
  };

  constructor(
    private readonly model: Watchable<M>,
    private readonly options: KernelWatchOptions,
  ) {
    model.on("msg:custom", this.heard);
    model.on(options.heardOn, this.heard);
    model.on("comm_live_update", this.closed);
    this.timer = window.setInterval(() => this.check(), CHECK_EVERY_MS);
  }

  verdict(): KernelVerdict {
    return this.current;
  }

  gone(): AbortSignal {
    return this.requests.signal;
  }

  lost(): void {
    this.disconnected = this.disconnected ?? "unreachable";
    this.check();
  }

  /** Sends to the kernel; false (and the verdict changes) when the comm is closed. */
  send(content: M, buffers?: ArrayBuffer[]): boolean {
    if (this.disconnected !== null) return false;
    try {
      this.model.send(content, undefined, buffers);
      return true;
    } catch {
      this.disconnected = "unreachable"; // JupyterLab throws "Cannot send" into a closed comm
      this.check();
      return false;
    }
  }

  /** Re-judges now (after the phase changed). */
  check(): void {
    const now = performance.now();
    this.lastHeard = silenceSince(this.lastHeard, this.lastCheck, now, CHECK_EVERY_MS);
    this.lastCheck = now;
    const expectingBeats = this.options.expectingBeats();
    if (!expectingBeats) this.lastHeard = now; // silence counts only while beats are due
    const verdict = kernelVerdict({
      disconnected: this.disconnected,
      expectingBeats,
      lastHeard: this.lastHeard,
      now,
    });
    if (verdict === this.current) return;
    this.current = verdict;
    if (verdict !== "alive") this.requests.abort(kernelNotice(verdict));
    else if (this.requests.signal.aborted) this.requests = new AbortController(); // silence ended
    this.options.onChange(verdict);
  }

  destroy(): void {
    window.clearInterval(this.timer);
    this.model.off("msg:custom", this.heard);
    this.model.off(this.options.heardOn, this.heard);
    this.model.off("comm_live_update", this.closed);
  }
}

/** Starts watching `model`'s kernel. */
export function watchKernel<M>(model: Watchable<M>, options: KernelWatchOptions): KernelWatch<M> {
  return new KernelWatch(model, options);
}
