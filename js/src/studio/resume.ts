// The offer to pick up tasks an earlier session (or a stopped wait) left behind: Kling has
// already been paid for them, so the Studio says so and offers to wait for each and download it.

import type { StudioReplies } from "../generated/contract";
import { unitsText } from "../lib/confirm";
import { alertFor } from "./alert";
import { h } from "./dom";
import { idField } from "./ids";
import type { Model, ResumableTask } from "./model";

export interface ResumeOffer {
  element: HTMLElement;
  update(enabled: boolean): void;
}

export interface ResumeActions {
  /** A request: answered once the waits have begun, or with why there is nothing to resume. */
  resume(): Promise<StudioReplies["resume"]>;
  dismiss(): void;
}

/** "2 tasks from earlier sessions can be resumed" (or, after a stopped wait, without "earlier"). */
export function offerText(tasks: ResumableTask[]): string {
  const count = tasks.length === 1 ? "1 task" : `${tasks.length} tasks`;
  const earlier = tasks.every((task) => task.earlier) ? " from earlier sessions" : "";
  return `${count}${earlier} can be resumed`;
}

function describe(task: ResumableTask): string {
  const when = new Date(task.created_at * 1000).toLocaleString();
  const cost = task.estimate === null ? "" : ` · ≈ ${unitsText(task.estimate)}`;
  const prompt = task.prompt ? ` · “${task.prompt}”` : "";
  return `${task.model} ${task.mode} ${task.duration}s · ${task.status} · ${when}${cost}${prompt}`;
}

function entry(task: ResumableTask): HTMLElement {
  const taskId = idField("Task id", `resumable-task-id-${task.external_id}`);
  const externalId = idField("External id", `resumable-external-id-${task.external_id}`);
  taskId.set(task.task_id);
  externalId.set(task.external_id);
  return h(
    "li",
    { "data-testid": `resumable-${task.external_id}` },
    h("div", {}, describe(task)),
    h("div", { class: "ks-ids" }, taskId.element, externalId.element),
  );
}

export function resumeOffer(model: Model, actions: ResumeActions): ResumeOffer {
  const title = h("strong", { "data-testid": "resume-title" });
  const resume = h(
    "button",
    {
      type: "button",
      class: "ks-button ks-primary",
      "data-testid": "resume",
      title: "Wait for each task, download its video once and add it to the runs below",
    },
    "Resume",
  );
  const dismiss = h(
    "button",
    {
      type: "button",
      class: "ks-button",
      "data-testid": "dismiss",
      title: "Hide this offer; studio.resume() or `kling-studio resume` still pick them up",
    },
    "Dismiss",
  );
  const list = h("ul", { class: "ks-resumable" });
  const refusal = alertFor("resume-error", [resume], "ks-error");
  const element = h(
    "section",
    { class: "ks-notice ks-offer", "aria-label": "Tasks to resume", "data-testid": "resume-offer" },
    h("div", { class: "ks-offer-head" }, title, resume, dismiss),
    refusal.element,
    list,
  );
  let asking = false;
  let enabled = true;
  resume.addEventListener("click", () => {
    refusal.show(null);
    asking = true;
    resume.disabled = true;
    void actions.resume().then((reply) => {
      asking = false;
      resume.disabled = !enabled;
      refusal.show(reply.ok ? null : reply.error);
    });
  });
  dismiss.addEventListener("click", () => {
    refusal.show(null);
    actions.dismiss();
  });
  let shown = "";

  return {
    element,
    update(usable) {
      enabled = usable;
      const tasks = model.get("resumable") ?? [];
      element.hidden = tasks.length === 0 && !refusal.text();
      title.textContent = tasks.length ? offerText(tasks) : "Nothing to resume";
      resume.disabled = !enabled || asking;
      dismiss.disabled = !enabled;
      const key = JSON.stringify(tasks);
      if (key !== shown) {
        shown = key; // rebuilt only when the list changes, so a selection survives a status tick
        list.replaceChildren(...tasks.map(entry));
      }
    },
  };
}
