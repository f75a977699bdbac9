// Status as it streams in: phase, queued vs processing time, elapsed, ETA, a progress bar, and
// on failure the service's message with what to do about it.

import { formatSeconds, h } from "./dom";
import type { Model, Status } from "./model";

const PHASES: Record<string, string> = {
  idle: "Ready",
  uploading: "Uploading",
  preparing: "Checking the request",
  submitted: "Queued",
  processing: "Generating",
  downloading: "Saving the video",
  succeed: "Done",
  failed: "Failed",
  error: "Stopped",
};

export interface StatusPanel {
  element: HTMLElement;
  update(): void;
}

export function statusPanel(model: Model): StatusPanel {
  const phase = h("strong", { "data-testid": "status-phase" });
  const times = h("span", { class: "ks-times", "data-testid": "status-times" });
  const bar = h("progress", { max: 1, value: 0, "data-testid": "status-progress" });
  const message = h("div", { class: "ks-message", "data-testid": "status-message" });
  const advice = h("div", { class: "ks-advice", "data-testid": "status-advice" });
  const provider = h("div", { class: "ks-provider", "data-testid": "provider" });
  const element = h(
    "section",
    { class: "ks-status" },
    h("div", {}, phase, " ", times),
    bar,
    message,
    advice,
    provider,
  );

  function update(): void {
    const status: Status = model.get("status") ?? {};
    const name = status.phase ?? "idle";
    phase.textContent = PHASES[name] ?? name;
    element.dataset.phase = name;
    const parts = [];
    if (status.elapsed !== undefined) parts.push(`elapsed ${formatSeconds(status.elapsed)}`);
    if (status.queued_for !== undefined && name !== "idle")
      parts.push(`queued ${formatSeconds(status.queued_for)}`);
    if (status.processing_for !== undefined && status.processing_for !== null)
      parts.push(`processing ${formatSeconds(status.processing_for)}`);
    if (status.eta !== undefined && status.eta !== null && name === "processing")
      parts.push(`about ${formatSeconds(status.eta)} left`);
    times.textContent = parts.join(" · ");
    const busy = ["uploading", "preparing", "submitted", "processing", "downloading"].includes(
      name,
    );
    bar.hidden = !busy && name !== "succeed";
    bar.value = status.progress ?? 0;
    message.textContent = status.message ?? "";
    advice.textContent = status.advice ? `What to do: ${status.advice}` : "";
    provider.textContent = model.get("emulated")
      ? `Emulator — ${model.get("provider")}`
      : `Service: ${model.get("provider")}`;
    provider.classList.toggle("ks-emulated", model.get("emulated"));
  }

  return { element, update };
}
