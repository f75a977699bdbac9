// The result: the video plays in the cell, with a download button and the saved file's path;
// and the history of this widget's runs (with their task ids), any of which plays again.
// Each run's tile is kept by run id: a status tick or a new run never rebuilds the others.
// The widget owns the media's object URLs (lib/urls.ts); this only shows them.

import { h, setHidden, setText } from "./dom";
import { idField } from "./ids";
import { keyedList } from "./keyed";
import type { Model, Run, StudioToKernel, Updates } from "./model";

export interface Player {
  element: HTMLElement;
  updates: Updates;
  show(run: string, url: string, path: string): void;
  thumbnail(run: string, url: string): void;
}

/** Everything one tile shows. */
interface Tile {
  readonly run: Run;
  readonly thumb: string;
  readonly current: boolean;
}

function summaryOf(run: Run): string {
  return [run.params.model_name, run.params.mode, `${run.params.duration ?? 5}s`]
    .filter(Boolean)
    .join(" · ");
}

/** One run's tile, built once for its id and updated in place. */
function tileView(id: string, send: (content: StudioToKernel) => boolean) {
  const thumb = h("img", { alt: "" });
  const summary = h("span", {});
  const facts = h("span", {});
  const play = h(
    "button",
    { type: "button", class: "ks-run-play", "data-testid": `play-${id}` },
    thumb,
    h("span", {}, summary, h("br"), facts),
  );
  play.addEventListener("click", () => send({ type: "play", run: id }));
  const taskId = idField("Task id", `run-task-id-${id}`);
  const externalId = idField("External id", `run-external-id-${id}`);
  const element = h(
    "li",
    { "data-testid": `run-${id}` },
    play,
    h("div", { class: "ks-ids ks-run-ids" }, taskId.element, externalId.element),
  );
  return {
    element,
    update({ run, thumb: url, current }: Tile) {
      const said = summaryOf(run);
      play.setAttribute("aria-label", `Play run ${run.task_id ?? run.id}: ${said}`);
      setText(summary, said);
      setText(
        facts,
        `${run.resumed ? "resumed · " : ""}${run.seconds}s · units ${run.units ?? "?"}`,
      );
      if (thumb.getAttribute("src") !== url) thumb.src = url;
      element.classList.toggle("ks-current", current);
      taskId.set(run.task_id ?? run.id);
      externalId.set(run.external_id);
    },
  };
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
  const tiles = keyedList(
    history,
    (tile: Tile) => tile.run.id,
    (id) => tileView(id, send),
  );
  let current: string | null = null;

  /** Newest first; only tiles whose run, thumbnail or current mark changed are touched. */
  function update(): void {
    const runs = model.get("history");
    setHidden(element, runs.length === 0 && current === null);
    const shown = runs.map((run) => ({
      run,
      thumb: thumbs.get(run.id) ?? "",
      current: run.id === current,
    }));
    tiles.update(shown.reverse());
  }

  return {
    element,
    updates: [{ reads: ["history"], run: update }],
    show(run: string, url: string, savedPath: string) {
      element.hidden = false; // a hidden <video> is not decoded, so show it before loading
      // Off-screen cells are skipped by JupyterLab's windowing (content-visibility), which also
      // stalls loading: bring the result into view, as the person is waiting for it anyway.
      video.scrollIntoView({ block: "nearest" });
      video.src = url;
      download.href = url;
      download.download = savedPath.split("/").pop() ?? "kling.mp4";
      path.textContent = savedPath;
      current = run;
      video.dataset.run = run;
      void video.play().catch(() => undefined);
      update();
    },
    thumbnail(run: string, url: string) {
      thumbs.set(run, url);
      update();
    },
  };
}
