// The offer to pick up tasks an earlier session (or a stopped wait) left behind: Kling has
// already been paid for them, so the Studio says so and offers to wait for each and download it.
// Resume is a request: while it is out the button waits, and a refusal is said under the offer's
// head until the next click.

import type { StudioReplies } from "../generated/contract";
import { unitsText } from "../lib/confirm";
import type { KernelVerdict } from "../lib/liveness";
import { alertFor } from "./alert";
import { h, setDisabled, setHidden, setText } from "./dom";
import { idField } from "./ids";
import { keyedList } from "./keyed";
import type { Model, ResumableTask, Updates } from "./model";
import { BUSY } from "./status";

export interface ResumeOffer {
  element: HTMLElement;
  updates: Updates;
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

/** One task on offer, keyed by its external id (the journal's key for it). */
function entry(key: string) {
  const taskId = idField("Task id", `resumable-task-id-${key}`);
  const externalId = idField("External id", `resumable-external-id-${key}`);
  const text = h("div", {});
  const element = h(
    "li",
    { "data-testid": `resumable-${key}` },
    text,
    h("div", { class: "ks-ids" }, taskId.element, externalId.element),
  );
  return {
    element,
    update(task: ResumableTask) {
      setText(text, describe(task));
      taskId.set(task.task_id);
      externalId.set(task.external_id);
    },
  };
}

export function resumeOffer(
  model: Model,
  kernel: () => KernelVerdict,
  actions: ResumeActions,
): ResumeOffer {
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
  // Entries are kept by key, so a selection in one survives a change to another.
  const entries = keyedList(list, (task: ResumableTask) => task.external_id, entry);
  let asking = false;

  resume.addEventListener("click", () => {
    refusal.show(null);
    asking = true;
    showEnabled();
    void actions.resume().then((reply) => {
      asking = false;
      refusal.show(reply.ok ? null : reply.error);
      showTasks(); // a refusal keeps the offer in sight, even with nothing left on it
      showEnabled();
    });
  });
  dismiss.addEventListener("click", () => {
    refusal.show(null);
    actions.dismiss();
    showTasks();
  });

  function showTasks(): void {
    const tasks = model.get("resumable") ?? [];
    setHidden(element, tasks.length === 0 && !refusal.text());
    setText(title, tasks.length ? offerText(tasks) : "Nothing to resume");
    entries.update(tasks);
  }

  /** Resuming waits while this output works or the request is out, and needs the kernel. */
  function showEnabled(): void {
    const enabled = kernel() === "alive" && !BUSY.has(model.get("status")?.phase ?? "idle");
    setDisabled(resume, !enabled || asking);
    setDisabled(dismiss, !enabled);
  }

  return {
    element,
    updates: [
      { reads: ["resumable"], run: showTasks },
      { reads: ["status", "kernel"], run: showEnabled },
    ],
  };
}
