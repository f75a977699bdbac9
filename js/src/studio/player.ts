// The result: the video plays in the cell, with a download button and the saved file's path;
// and the history of this widget's runs (with their task ids), any of which plays again.

import { h } from "./dom";
import { idField } from "./ids";
import type { Model, Run, StudioToKernel } from "./model";

export interface Player {
  element: HTMLElement;
  show(run: string, data: ArrayBuffer, path: string): void;
  thumbnail(run: string, data: ArrayBuffer): void;
  update(): void;
}

export function player(model: Model, send: (content: StudioToKernel) => boolean): Player {
  const video = h("video", {
    controls: true,
    loop: true,
    muted: true,
    playsinline: true,
    "data-testid": "video",
  });
  const download = h("a", { class: "ks-button", "data-testid": "download" }, "Download");
  const path = h("code", { "data-testid": "video-path" });
  const history = h("ol", { class: "ks-history", "data-testid": "history" });
  const element = h(
    "section",
    { class: "ks-player" },
    video,
    h("div", { class: "ks-player-bar" }, download, path),
    h("h4", {}, "Runs"),
    history,
  );
  element.hidden = true;
  const thumbs = new Map<string, string>();
  let current: string | null = null;

  function entry(run: Run): HTMLElement {
    const summary = [run.params.model_name, run.params.mode, `${run.params.duration ?? 5}s`]
      .filter(Boolean)
      .join(" · ");
    const facts = `${run.resumed ? "resumed · " : ""}${run.seconds}s · units ${run.units ?? "?"}`;
    const play = h(
      "button",
      {
        type: "button",
        class: "ks-run-play",
        "aria-label": `Play run ${run.task_id ?? run.id}: ${summary}`,
        "data-testid": `play-${run.id}`,
      },
      h("img", { src: thumbs.get(run.id) ?? "", alt: "" }),
      h("span", {}, summary, h("br"), facts),
    );
    play.addEventListener("click", () => send({ type: "play", run: run.id }));
    const taskId = idField("Task id", `run-task-id-${run.id}`);
    const externalId = idField("External id", `run-external-id-${run.id}`);
    taskId.set(run.task_id ?? run.id);
    externalId.set(run.external_id);
    return h(
      "li",
      { "data-testid": `run-${run.id}`, class: run.id === current ? "ks-current" : "" },
      play,
      h("div", { class: "ks-ids ks-run-ids" }, taskId.element, externalId.element),
    );
  }

  let shown = "";

  function update(): void {
    const runs = model.get("history");
    element.hidden = runs.length === 0 && current === null;
    // Rebuilt only when something in it changed: status ticks twice a second, and a rebuild
    // would drop the focus and any selection in the list.
    const key = JSON.stringify([runs, current, thumbs.size]);
    if (key === shown) return;
    shown = key;
    history.replaceChildren(...runs.map(entry).reverse());
  }

  return {
    element,
    update,
    show(run: string, data: ArrayBuffer, savedPath: string) {
      if (video.src) URL.revokeObjectURL(video.src);
      element.hidden = false; // a hidden <video> is not decoded, so show it before loading
      // Off-screen cells are skipped by JupyterLab's windowing (content-visibility), which also
      // stalls loading: bring the result into view, as the person is waiting for it anyway.
      video.scrollIntoView({ block: "nearest" });
      const url = URL.createObjectURL(new Blob([data], { type: "video/mp4" }));
      video.src = url;
      download.href = url;
      download.download = savedPath.split("/").pop() ?? "kling.mp4";
      path.textContent = savedPath;
      current = run;
      video.dataset.run = run;
      void video.play().catch(() => undefined);
      update();
    },
    thumbnail(run: string, data: ArrayBuffer) {
      thumbs.set(run, URL.createObjectURL(new Blob([data], { type: "image/jpeg" })));
      update();
    },
  };
}
