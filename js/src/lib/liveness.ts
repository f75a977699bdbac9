// Whether the kernel behind an output is still there, judged from what the browser can see.
//
// anywidget's model offers no kernel API, so three signals stand in for one (verified in
// JupyterLab 4 and Notebook 7 with ipywidgets 8):
// - the model's `comm_live_update` event: the widget manager marks every model not live when
//   the kernel restarts (also after a crash, when the server restarts it);
// - `model.send` throwing: the comm is closed (restart, or a kernel shut down);
// - silence: while a run is under way the kernel sends a beat every couple of seconds (from its
//   own thread, so a busy cell does not hold it back), and nothing for a long while means it is
//   gone — the only signal when a kernel is shut down mid-run.

/** How often the kernel beats while it works for an output (widgets/heartbeat.py says the same). */
export const BEAT_INTERVAL_MS = 2_000;
/** Silence after which a working kernel counts as gone: six missed beats. */
export const SILENCE_LIMIT_MS = 12_000;

/** Why the comm is known to be gone; null while nothing says so. */
export type Disconnect = "restarted" | "unreachable" | null;

export type KernelVerdict = "alive" | "restarted" | "unreachable" | "silent";

export interface KernelSignals {
  disconnected: Disconnect;
  /** A run is under way, so the kernel should be beating. */
  expectingBeats: boolean;
  /** When the kernel last spoke to this output (ms), or when watching (re)started. */
  lastHeard: number;
  now: number;
}

/** The verdict: a closed comm never comes back; silence only counts while beats are due. */
export function kernelVerdict(
  signals: KernelSignals,
  limitMs: number = SILENCE_LIMIT_MS,
): KernelVerdict {
  if (signals.disconnected !== null) return signals.disconnected;
  if (signals.expectingBeats && signals.now - signals.lastHeard > limitMs) return "silent";
  return "alive";
}

/**
 * When silence is counted from. A check that runs far later than planned means the page was
 * asleep (a closed laptop, a frozen tab): what the kernel sent meanwhile may still be on its way,
 * so silence is counted afresh from now rather than judged at once.
 */
export function silenceSince(
  lastHeard: number,
  lastCheck: number,
  now: number,
  checkEveryMs: number,
  limitMs: number = SILENCE_LIMIT_MS,
): number {
  const overslept = now - lastCheck > Math.max(2 * checkEveryMs, limitMs / 2);
  return overslept ? Math.max(lastHeard, now) : lastHeard;
}

export interface TaskIds {
  task_id?: string | null | undefined;
  external_id?: string | null | undefined;
}

const OPENINGS: Record<Exclude<KernelVerdict, "alive">, string> = {
  restarted: "The kernel restarted",
  unreachable: "The kernel is gone (restarted or shut down)",
  silent: "The kernel stopped answering (restarted, shut down or disconnected)",
};

/** What the output says once its kernel is gone, naming the task that can be picked up again. */
export function kernelNotice(verdict: KernelVerdict, ids: TaskIds = {}): string {
  if (verdict === "alive") return "";
  const opening = `${OPENINGS[verdict]} — run the cell again`;
  if (ids.task_id) return `${opening}; task ${ids.task_id} can be resumed.`;
  if (ids.external_id) {
    return `${opening}; the request sent as ${ids.external_id} can be resumed if it reached Kling.`;
  }
  return `${opening}.`;
}

/** The notice for a sweep: every task of it still under way can be picked up again. */
export function sweepNotice(verdict: KernelVerdict, taskIds: string[]): string {
  if (verdict === "alive") return "";
  if (taskIds.length < 2) return kernelNotice(verdict, { task_id: taskIds[0] ?? null });
  return `${OPENINGS[verdict]} — run the cell again; tasks ${taskIds.join(", ")} can be resumed.`;
}
