// The result: the video plays in the cell, with a download button and the saved file's path;
// and the history of this widget's runs, any of which plays again on a click.

import { h } from "./dom";
import type { Model, Run } from "./model";

export interface Player {
  element: HTMLElement;
  show(run: string, data: ArrayBuffer, path: string): void;
  thumbnail(run: string, data: ArrayBuffer): void;
  update(): void;
}

export function player(model: Model): Player {
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
    const item = h(
      "li",
      { "data-testid": `run-${run.id}`, class: run.id === current ? "ks-current" : "" },
      h("img", { src: thumbs.get(run.id) ?? "", alt: "" }),
      h("span", {}, summary, h("br"), `${run.seconds}s · units ${run.units ?? "?"}`),
    );
    item.addEventListener("click", () => model.send({ type: "play", run: run.id }));
    return item;
  }

  function update(): void {
    const runs = model.get("history");
    element.hidden = runs.length === 0 && current === null;
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
      void video.play().catch(() => undefined);
      update();
    },
    thumbnail(run: string, data: ArrayBuffer) {
      thumbs.set(run, URL.createObjectURL(new Blob([data], { type: "image/jpeg" })));
      update();
    },
  };
}
