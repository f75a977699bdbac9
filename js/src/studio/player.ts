// The result: the video plays in the cell, with a download button and the saved file's path;
// and the history of this widget's runs, each readable at a glance (thumbnail, prompt, time,
// settings, cost), any of which plays again, brings its settings back, or leaves the list.
// Each run's tile is kept by run id: a status tick or a new run never rebuilds the others.
// The video plays from the Jupyter server's file URL or from its bytes (delivery.ts decides);
// when the server's file does not load, the player says so to its caller, which fetches the
// bytes instead. The widget owns the media's object URLs (lib/urls.ts); this only shows them.
// Under the video, the shown run's motion check (motionpanel.ts), and "Show paths", which draws
// the check's requested and measured paths over the video (pathoverlay.ts); it is off until
// pressed and stays as the person left it from run to run.

import type { ReplyError } from "../generated/contract";
import { costShown, finishedAt, promptShown, settingsShown } from "../lib/runs";
import { alertFor } from "./alert";
import { h, setHidden, setText, uniqueId } from "./dom";
import { idField } from "./ids";
import { keyedList } from "./keyed";
import type { Model, Run, StudioToKernel, Updates } from "./model";
import { motionPanel } from "./motionpanel";
import { hasPaths, PathOverlay } from "./pathoverlay";

export interface Player {
  element: HTMLElement;
  updates: Updates;
  /** Plays `run`'s video from `url`; `fromServer`: the Jupyter server's file URL, whose failure
   * to load is reported (`onServerFailed`) rather than shown. */
  show(run: string, url: string, path: string, fromServer: boolean): void;
  thumbnail(run: string, url: string): void;
  /** Why the video cannot be shown (null: clear it). */
  refused(error: ReplyError | null): void;
  /** Stops drawing the paths (their frame callbacks, the size observer). */
  destroy(): void;
}

/** Everything one tile shows. */
interface Tile {
  readonly run: Run;
  readonly thumb: string;
  readonly current: boolean;
}

type Send = (content: StudioToKernel) => boolean;

/** One run's tile, built once for its id and updated in place. */
function tileView(id: string, send: Send, removing: (id: string, tile: Element) => void) {
  const thumb = h("img", { alt: "" });
  const prompt = h("span", { class: "ks-run-prompt", "data-testid": `run-prompt-${id}` });
  const when = h("span", { class: "ks-run-facts", "data-testid": `run-settings-${id}` });
  const cost = h("span", { class: "ks-run-facts", "data-testid": `run-cost-${id}` });
  const play = h(
    "button",
    { type: "button", class: "ks-run-play", "data-testid": `play-${id}` },
    thumb,
    h("span", { class: "ks-run-text" }, prompt, when, cost),
  );
  play.addEventListener("click", () => send({ type: "play", run: id }));
  const use = h(
    "button",
    {
      type: "button",
      class: "ks-button",
      title: "Bring back the settings, pictures and paint this video was made from",
      "data-testid": `use-${id}`,
    },
    "Use these settings",
  );
  use.addEventListener("click", () => send({ type: "use-run", run: id }));
  const remove = h(
    "button",
    { type: "button", class: "ks-button ks-run-remove", "data-testid": `remove-run-${id}` },
    "×",
  );
  remove.addEventListener("click", () => {
    removing(id, element);
    send({ type: "remove-run", run: id });
  });
  const taskId = idField("Task id", `run-task-id-${id}`);
  const externalId = idField("External id", `run-external-id-${id}`);
  const element = h(
    "li",
    { class: "ks-run", "data-testid": `run-${id}` },
    play,
    h("div", { class: "ks-run-actions" }, use, remove),
    h("div", { class: "ks-ids ks-run-ids" }, taskId.element, externalId.element),
  );
  return {
    element,
    play,
    update({ run, thumb: url, current }: Tile) {
      const shown = promptShown(run);
      const settings = `${finishedAt(run.finished_at)} · ${settingsShown(run)}`;
      const name = run.task_id || run.id;
      play.setAttribute("aria-label", `Play run ${name}: ${shown}, ${settings}`);
      setText(prompt, shown);
      prompt.title = run.prompt; // the whole prompt
      setText(when, settings);
      setText(cost, costShown(run));
      if (thumb.getAttribute("src") !== url) thumb.src = url;
      setHidden(use, !run.restorable); // a resumed run's settings were not kept here
      use.setAttribute("aria-label", `Use the settings of run ${name}`);
      remove.setAttribute("aria-label", `Remove run ${name} from the list`);
      remove.title = `Remove from the list; the video and its notes stay on disk (${run.path})`;
      element.classList.toggle("ks-current", current);
      play.setAttribute("aria-current", String(current));
      taskId.set(run.task_id ?? run.id);
      externalId.set(run.external_id);
    },
  };
}

export function player(
  model: Model,
  send: Send,
  onServerFailed: (run: string, path: string) => void,
): Player {
  const video = h("video", {
    controls: true,
    loop: true,
    muted: true,
    playsinline: true,
    "aria-label": "The generated video",
    "data-testid": "video",
  });
  const alert = alertFor("video-error", [video], "ks-error");
  const download = h("a", { class: "ks-button", "data-testid": "download" }, "Download");
  const path = h("code", { "data-testid": "video-path" });
  const history = h("ol", { class: "ks-history", "aria-label": "Runs", "data-testid": "history" });
  /** A dynamic area's painter colour, by the name the check gives it (the area's label). */
  const colourOf = (area: string): string | null =>
    (model.get("areas") ?? []).find((entry) => entry.label === area)?.colour ?? null;
  const overlay = new PathOverlay(video, colourOf);
  const legendId = uniqueId("ks-paths-legend");
  const legend = h(
    "span",
    { class: "ks-paths-legend", id: legendId, "data-testid": "paths-legend", hidden: true },
    "Dashed: the path asked, a ring where the area should be now. Solid: where it went, a dot " +
      "where it is now (a cross: lost from sight).",
  );
  const showPaths = h(
    "button",
    {
      type: "button",
      class: "ks-button",
      "aria-pressed": "false",
      "aria-describedby": legendId,
      title: "Draw the motion check's paths over the video",
      "data-testid": "show-paths",
      hidden: true,
    },
    "Show paths",
  );
  /** The person's choice, kept from run to run. */
  let pathsOn = false;
  showPaths.addEventListener("click", () => {
    pathsOn = !pathsOn;
    showMotion();
  });
  const panel = motionPanel();
  const element = h(
    "section",
    { class: "ks-player" },
    h("div", { class: "ks-video-frame" }, video, overlay.canvas),
    alert.element,
    h("div", { class: "ks-player-bar" }, download, showPaths, path),
    legend,
    panel.element,
    h("h4", {}, "Runs"),
    history,
  );
  element.hidden = true;
  const thumbs = new Map<string, string>();
  /** The run whose tile's × was pressed, and its place: the focus goes to its neighbour. */
  let removed: { id: string; index: number } | null = null;
  const tiles = keyedList(
    history,
    (tile: Tile) => tile.run.id,
    (id) =>
      tileView(id, send, (gone, tile) => {
        removed = { id: gone, index: [...history.children].indexOf(tile) };
      }),
  );
  let current: string | null = null;
  /** What plays now: a server URL's failure to load is reported once, for this run. */
  let playing: { run: string; url: string; path: string; fromServer: boolean } | null = null;

  video.addEventListener("error", () => {
    if (!playing?.fromServer || video.getAttribute("src") !== playing.url) return;
    const { run, path: saved } = playing;
    playing = { ...playing, fromServer: false };
    onServerFailed(run, saved);
  });

  /** The shown run's motion check: the panel, the toggle and the overlay. */
  function showMotion(): void {
    const check = model.get("history").find((run) => run.id === current)?.motion ?? null;
    panel.show(check, colourOf);
    const drawable = hasPaths(check);
    setHidden(showPaths, !drawable);
    showPaths.setAttribute("aria-pressed", String(pathsOn));
    setHidden(legend, !(drawable && pathsOn));
    overlay.show(check);
    overlay.setOn(pathsOn);
  }

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
    refocus(shown);
    showMotion();
  }

  /** After a removal, the keyboard goes on from the neighbouring tile (or the video). */
  function refocus(shown: Tile[]): void {
    if (!removed || shown.some((tile) => tile.run.id === removed?.id)) return;
    const next = shown[Math.min(removed.index, shown.length - 1)];
    removed = null;
    const target = next ? tiles.get(next.run.id)?.play : video;
    target?.focus({ preventScroll: true });
  }

  return {
    element,
    updates: [
      { reads: ["history"], run: update },
      {
        reads: ["areas"],
        run: () => {
          showMotion(); // the panel's swatches
          overlay.recolour();
        },
      },
    ],
    show(run: string, url: string, savedPath: string, fromServer: boolean) {
      alert.show(null);
      element.hidden = false; // a hidden <video> is not decoded, so show it before loading
      // Off-screen cells are skipped by JupyterLab's windowing (content-visibility), which also
      // stalls loading: bring the result into view, as the person is waiting for it anyway.
      video.scrollIntoView({ block: "nearest" });
      playing = { run, url, path: savedPath, fromServer };
      video.src = url;
      download.href = url;
      download.download = savedPath.split(/[\\/]/).pop() ?? "kling.mp4";
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
    refused(error: ReplyError | null) {
      if (error) element.hidden = false;
      alert.show(error);
    },
    destroy: () => overlay.destroy(),
  };
}
