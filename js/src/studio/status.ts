// Status as it streams in: phase, the task's ids (selectable, copyable), queued vs processing
// time, elapsed, ETA, a progress bar; Stop waiting while Kling works on it; on failure the
// service's message with what to do; and, once the kernel is gone, a notice that says so.

import { type KernelVerdict, kernelNotice } from "../lib/liveness";
import { formatSeconds, h } from "./dom";
import { idField } from "./ids";
import type { Model, Status } from "./model";

const PHASES: Record<Status["phase"], string> = {
  idle: "Ready",
  uploading: "Uploading",
  preparing: "Checking the request",
  submitted: "Queued",
  processing: "Generating",
  downloading: "Saving the video",
  resuming: "Resuming",
  succeed: "Done",
  failed: "Failed",
  error: "Error",
  stopped: "Stopped waiting",
  "over-budget": "Over budget",
};

/** Phases in which the kernel works for this output (and sends heartbeats). */
export const WORKING = new Set(["preparing", "submitted", "processing", "downloading", "resuming"]);
/** Phases in which a task may be on Kling's side, so waiting for it can be stopped. */
const STOPPABLE = new Set(["preparing", "submitted", "processing", "resuming"]);

export const STOP_TITLE =
  "Stop waiting here. Kling has no cancel: the task keeps running and is billed. " +
  "Pick it up later with studio.resume(), the Resume button, or `kling-studio resume`.";

export interface StatusPanel {
  element: HTMLElement;
  /** `said`: a refusal already shown beside the control that asked (not repeated here). */
  update(kernel: KernelVerdict, said?: string): void;
}

export function statusPanel(model: Model, onStop: () => void): StatusPanel {
  const phase = h("strong", { "data-testid": "status-phase" });
  const times = h("span", { class: "ks-times", "data-testid": "status-times" });
  const bar = h("progress", { max: 1, value: 0, "data-testid": "status-progress" });
  const taskId = idField("Task id", "status-task-id");
  const externalId = idField("External id", "status-external-id");
  const message = h("div", { class: "ks-message", "data-testid": "status-message" });
  const advice = h("div", { class: "ks-advice", "data-testid": "status-advice" });
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
    { class: "ks-status", "aria-label": "Status" },
    h("div", {}, phase, " ", times),
    bar,
    h("div", { class: "ks-ids ks-ids-stacked" }, taskId.element, externalId.element),
    message,
    advice,
    stop,
    gone,
    provider,
  );

  function update(kernel: KernelVerdict, said = ""): void {
    const status: Status = model.get("status") ?? {};
    const name = status.phase ?? "idle";
    const alive = kernel === "alive";
    phase.textContent = alive ? (PHASES[name] ?? name) : "Kernel gone";
    element.dataset.phase = alive ? name : "kernel-gone";
    const parts = [];
    if (status.elapsed !== undefined) parts.push(`elapsed ${formatSeconds(status.elapsed)}`);
    if (status.queued_for !== undefined && name !== "idle")
      parts.push(`queued ${formatSeconds(status.queued_for)}`);
    if (status.processing_for !== undefined && status.processing_for !== null)
      parts.push(`processing ${formatSeconds(status.processing_for)}`);
    if (status.eta !== undefined && status.eta !== null && name === "processing")
      parts.push(`about ${formatSeconds(status.eta)} left`);
    times.textContent = alive ? parts.join(" · ") : "";
    const busy = alive && (WORKING.has(name) || name === "uploading");
    bar.hidden = !busy && !(alive && name === "succeed");
    bar.value = status.progress ?? 0;
    taskId.set(status.task_id);
    externalId.set(status.external_id);
    const repeated = Boolean(said) && status.message === said;
    message.textContent = repeated ? "" : (status.message ?? "");
    advice.textContent = status.advice && !repeated ? `What to do: ${status.advice}` : "";
    stop.hidden = !(alive && STOPPABLE.has(name));
    gone.textContent = kernelNotice(kernel, status);
    gone.hidden = alive;
    const emulated = model.get("emulated");
    const service = `Service: ${model.get("provider")}`;
    provider.textContent = emulated
      ? `${service} — videos are emulated, nothing is billed`
      : service;
    provider.classList.toggle("ks-emulated", emulated);
  }

  return { element, update };
}
