// Status as it streams in: a heading per phase, the task's ids (selectable, copyable), queued vs
// processing time, elapsed, ETA (real seconds, always; the emulator's speed said once), a
// progress bar; Stop waiting while Kling works on it; on failure a plain headline, what to do,
// and the codes support asks for on a smaller line; once the kernel is gone, a notice.
// The status ticks twice a second during a run: every write here is in place (text nodes,
// attributes) and only when the value changed.

import { formatSeconds } from "../lib/format";
import { type KernelVerdict, kernelNotice } from "../lib/liveness";
import { h, setHidden, setText } from "./dom";
import { idField } from "./ids";
import type { Model, Status, Updates } from "./model";

/** The heading for each phase: where the work is, in a person's words. */
export const HEADINGS: Record<Status["phase"], string> = {
  idle: "Ready",
  uploading: "Uploading",
  preparing: "Checking",
  submitted: "Queued at Kling",
  processing: "Making the video",
  downloading: "Saving",
  resuming: "Resuming",
  succeed: "Done",
  failed: "Failed", // Kling took the task and could not make the video
  error: "Error", // the request was refused, or the service could not be reached
  stopped: "Stopped waiting",
  "over-budget": "Over budget",
};

/** "the emulator runs 100× faster than Kling" when it does; "" on Kling's own clock. */
export function clockText(speed: number | undefined): string {
  if (speed === undefined || !(speed > 1)) return "";
  const times = Number.isInteger(speed) ? String(speed) : speed.toFixed(1);
  return `the emulator runs ${times}× faster than Kling; times here are real seconds`;
}

/** Phases in which the kernel works for this output (and sends heartbeats). */
export const WORKING = new Set(["preparing", "submitted", "processing", "downloading", "resuming"]);
/** Phases in which this output is busy: Generate and Resume wait. */
export const BUSY = new Set(["uploading", ...WORKING]);
/** Phases in which a task may be on Kling's side, so waiting for it can be stopped. */
const STOPPABLE = new Set(["preparing", "submitted", "processing", "resuming"]);

export const STOP_TITLE =
  "Stop waiting here. Kling has no cancel: the task keeps running and is billed. " +
  "Pick it up later with studio.resume(), the Resume button, or `kling-studio resume`.";

export interface StatusPanel {
  element: HTMLElement;
  updates: Updates;
}

/** The estimate spent (the task runs past its usual time) reads as such, never "about 0 s". */
export function etaText(eta: number): string {
  return eta < 1 ? "longer than usual: any moment now" : `about ${formatSeconds(eta)} left`;
}

/** "elapsed 12 s · queued 3 s · processing 9 s · about 20 s left" */
export function timesText(status: Status): string {
  const name = status.phase;
  const parts = [];
  if (status.elapsed !== undefined) parts.push(`elapsed ${formatSeconds(status.elapsed)}`);
  if (status.queued_for !== undefined && name !== "idle")
    parts.push(`queued ${formatSeconds(status.queued_for)}`);
  if (status.processing_for !== undefined && status.processing_for !== null)
    parts.push(`processing ${formatSeconds(status.processing_for)}`);
  if (status.eta !== undefined && status.eta !== null && name === "processing")
    parts.push(etaText(status.eta));
  return parts.join(" · ");
}

/**
 * Whether the refusal under Generate already says this status's error: it is the same error said
 * in one text (headline, codes and advice), so the status says none of it again.
 */
export function saidAlready(status: Status, refused: string): boolean {
  const headline = status.message ?? "";
  return refused !== "" && headline !== "" && refused.includes(headline);
}

/**
 * `said`: the refusal already shown beside the control that asked (under Generate), which the
 * status does not repeat; it changes with the `refusal` signal.
 */
export function statusPanel(
  model: Model,
  kernel: () => KernelVerdict,
  said: () => string,
  onStop: () => void,
): StatusPanel {
  const phase = h("strong", { "data-testid": "status-phase" });
  const times = h("span", { class: "ks-times", "data-testid": "status-times" });
  const bar = h("progress", { max: 1, value: 0, "data-testid": "status-progress" });
  const taskId = idField("Task id", "status-task-id");
  const externalId = idField("External id", "status-external-id");
  const message = h("div", { class: "ks-message", "data-testid": "status-message" });
  const advice = h("div", { class: "ks-advice", "data-testid": "status-advice" });
  const details = h("div", { class: "ks-details", "data-testid": "status-details" });
  const clock = h("div", { class: "ks-clock", "data-testid": "status-clock" });
  const stop = h(
    "button",
    { type: "button", class: "ks-button ks-stop", "data-testid": "stop", title: STOP_TITLE },
    "Stop waiting",
  );
  stop.addEventListener("click", onStop);
  const gone = h("div", {
    class: "ks-notice ks-gone",
    role: "alert",
    "data-testid": "kernel-gone",
  });
  const provider = h("div", { class: "ks-provider", "data-testid": "provider" });
  const element = h(
    "section",
    { class: "ks-status", "aria-label": "Status", "data-testid": "status" },
    h("div", {}, phase, " ", times),
    clock,
    bar,
    h("div", { class: "ks-ids ks-ids-stacked" }, taskId.element, externalId.element),
    message,
    advice,
    details,
    stop,
    gone,
    provider,
  );

  function showStatus(): void {
    const status: Status = model.get("status") ?? { phase: "idle" };
    const name = status.phase ?? "idle";
    const verdict = kernel();
    const alive = verdict === "alive";
    setText(phase, alive ? (HEADINGS[name] ?? name) : "Kernel gone");
    const shown = alive ? name : "kernel-gone";
    if (element.dataset.phase !== shown) element.dataset.phase = shown;
    setText(times, alive ? timesText(status) : "");
    setText(clock, alive ? clockText(status.clock_speed) : "");
    const busy = alive && BUSY.has(name);
    setHidden(bar, !busy && !(alive && name === "succeed"));
    const progress = status.progress ?? 0;
    if (bar.value !== progress) bar.value = progress;
    taskId.set(status.task_id);
    externalId.set(status.external_id);
    const refused = said();
    const repeated = saidAlready(status, refused);
    setText(message, repeated ? "" : (status.message ?? ""));
    setText(advice, status.advice && !repeated ? `What to do: ${status.advice}` : "");
    setText(details, repeated ? "" : (status.details ?? ""));
    setHidden(stop, !(alive && STOPPABLE.has(name)));
    setText(gone, kernelNotice(verdict, status));
    setHidden(gone, alive);
  }

  function showProvider(): void {
    const emulated = model.get("emulated");
    const service = `Service: ${model.get("provider")}`;
    setText(provider, emulated ? `${service} — videos are emulated, nothing is billed` : service);
    provider.classList.toggle("ks-emulated", emulated);
  }

  return {
    element,
    updates: [
      { reads: ["status", "kernel", "refusal"], run: showStatus },
      { reads: ["emulated", "provider"], run: showProvider },
    ],
  };
}
