// The Compare widget: a grid of variations of one generation and a single transport that plays
// them in sync. The kernel plans, runs and pays for the tasks; this shows them and sends what the
// person asks for. Videos arrive as binary `media` messages, one per cell. One cell at most is
// heard (its Hear pressed): the view's choice, which keeps time for the others and goes into an
// exported MP4.

import "../lib/theme.css";
import "../lib/controls.css";
import "../lib/alert.css";
import "../compare/compare.css";
import { type Card, card } from "../compare/card";
import { Clock, type ClockState } from "../compare/clock";
import { exportGrid } from "../compare/exportgrid";
import { arrange } from "../compare/grid";
import { header } from "../compare/header";
import type { Cell, CompareModel, CompareToKernel } from "../compare/model";
import { Reels } from "../compare/reels";
import { COMPARE_PLANS } from "../compare/requests";
import { sortBy } from "../compare/sortby";
import {
  afterVolumeChange,
  type Heard,
  isMuted,
  offersSound,
  stillHeard,
  toggled,
} from "../compare/sound";
import { transport } from "../compare/transport";
import { wipe } from "../compare/wipe";
import type { CompareReplies } from "../generated/contract";
import { asker, type Invoke } from "../lib/ask";
import { layoutKey } from "../lib/grid";
import { onMedia } from "../lib/media";
import { orderKey } from "../lib/ranking";
import { hideStillWhenLive } from "../lib/stills";
import { ObjectUrls } from "../lib/urls";
import { watch } from "../lib/watch";
import { h } from "../studio/dom";
import { watchKernel } from "../studio/kernel";

const VIDEO_SLOT = "video:";
/** The slot the contact sheet's PNG arrives in (`SHEET_SLOT` in widgets/compare.py). */
const SHEET_SLOT = "contact-sheet";
/** Cell statuses of a task Kling may still be working on (and billing for). */
const UNDER_WAY = new Set(["submitted", "processing"]);

/** Writes a data attribute only when it changes (the clock reports every frame). */
function setData(element: HTMLElement, key: string, value: string | undefined): void {
  if (element.dataset[key] === value) return;
  if (value === undefined) delete element.dataset[key];
  else element.dataset[key] = value;
}

function render({
  model,
  el,
  experimental,
}: {
  model: CompareModel;
  el: HTMLElement;
  experimental: { invoke: Invoke };
}): () => void {
  const cards = new Map<string, Card>();
  const kernel = watchKernel(model, {
    heardOn: "change:cells change:summary",
    expectingBeats: () => model.get("summary").phase === "running",
    onChange: () => updateSummary(),
  });
  const send = (content: CompareToKernel): boolean => kernel.send(content);
  const ask = asker<CompareReplies, CompareToKernel>(experimental.invoke, COMPARE_PLANS, kernel);
  const retry = (cell: string) => ask({ type: "retry", cell });
  const sorting = sortBy(() => update());
  const exporter = exportGrid(ask);
  const summary = header(ask, [sorting.element], [exporter.element]);
  const urls = new ObjectUrls(); // the contact sheet's (the reels own the videos')
  const cellsView = h("div", { class: "kc-cells" });
  const wipeView = wipe();
  let wipeOn = false;
  let layout = "";
  /** The cell heard: this view's choice, kept by id while cards move and videos come. */
  let heard: Heard = null;
  const hear = (id: string): void => {
    heard = toggled(heard, id);
    applySound();
  };

  const videos = new Reels(
    () => {
      place();
      sync.refresh();
    },
    (id, muted) => {
      const next = afterVolumeChange(heard, id, muted);
      if (next === heard) return;
      heard = next;
      applySound();
    },
  );
  const withVideo = (): Cell[] =>
    model.get("cells").filter((cell) => cell.has_video && videos.get(cell.id) !== undefined);
  const playable = (): HTMLVideoElement[] =>
    withVideo().flatMap((cell) => videos.get(cell.id) ?? []);
  /** A video's frame rate: its cell's, which the kernel reads from the capability table. */
  const fpsOf = (video: HTMLVideoElement): number | null =>
    model.get("cells").find((cell) => cell.id === video.dataset.cell)?.fps ?? null;
  const sync = new Clock(playable, fpsOf, report);
  const bar = transport(sync, () => {
    wipeOn = !wipeOn;
    place();
  });
  const root = h(
    "div",
    {
      class: "kc-root",
      tabindex: 0,
      role: "group",
      "aria-label": "Kling variations side by side",
      "data-lm-suppress-shortcuts": "true",
      "data-testid": "compare",
    },
    summary.element,
    bar.element,
    wipeView.element,
    cellsView,
  );
  el.append(root);

  function report(state: ClockState): void {
    bar.update(state, playable().length);
    setData(root, "leader", state.leader?.dataset.cell);
    setData(root, "keeper", state.keeper?.dataset.cell);
    setData(root, "playing", String(state.playing));
  }

  /** Puts each video in its card, or the pair in the wipe view. */
  function place(): void {
    const pair = withVideo();
    const [first, second] = pair;
    const both = pair.length === 2 && first && second ? ([first, second] as const) : null;
    if (!both) wipeOn = false;
    bar.setWipe(both !== null, wipeOn);
    const wiped = new Set<string>();
    if (wipeOn && both) {
      const [base, top] = both.map((cell) => videos.get(cell.id));
      if (base && top) {
        wipeView.show(base, top, [both[0].label, both[1].label]);
        for (const cell of both) wiped.add(cell.id);
      }
    } else {
      wipeView.hide();
    }
    for (const cell of model.get("cells")) {
      const view = cards.get(cell.id);
      if (!view) continue;
      if (wiped.has(cell.id)) view.show(null, "in the wipe view above");
      else view.show(cell.has_video ? (videos.get(cell.id) ?? null) : null, "");
    }
    applySound();
  }

  /** Mutes every video but the heard one, which keeps time; shows who is heard. */
  function applySound(): void {
    const cells = model.get("cells");
    heard = stillHeard(heard, cells);
    for (const cell of cells) {
      const video = cell.has_video ? videos.get(cell.id) : undefined;
      const muted = isMuted(heard, cell.id);
      if (video && video.muted !== muted) video.muted = muted;
      cards.get(cell.id)?.hearing(offersSound(cell, video !== undefined), heard === cell.id);
    }
    sync.hear(heard === null ? null : (videos.get(heard) ?? null));
    const shown = cells.find((cell) => cell.id === heard);
    exporter.hear(shown ? { id: shown.id, label: shown.label } : null);
  }

  function update(): void {
    const cells = model.get("cells");
    const axes = model.get("axes");
    const ids = new Set(cells.map((cell) => cell.id));
    for (const id of cards.keys()) if (!ids.has(id)) cards.delete(id);
    videos.keep(ids);
    for (const cell of cells) {
      const view = cards.get(cell.id) ?? card(cell.id, retry, hear);
      cards.set(cell.id, view);
      view.update(cell);
    }
    const order = sorting.order();
    const key = `${layoutKey(axes, cells)} ${orderKey(order, cells)}`;
    if (key !== layout) {
      layout = key;
      arrange(cellsView, axes, cells, cards, order);
    }
    place();
    sync.refresh();
    showExport();
  }

  /** Export follows the kernel's state, and waits for a cell with a video (the kernel's). */
  function showExport(): void {
    const ready = model.get("cells").filter((cell) => cell.has_video).length;
    exporter.update(model.get("summary").export, ready, kernel.verdict() === "alive");
  }

  const updateSummary = () => {
    kernel.check();
    const unfinished = model
      .get("cells")
      .filter((cell) => cell.task_id && UNDER_WAY.has(cell.status))
      .map((cell) => cell.task_id ?? "");
    summary.update(model.get("summary"), kernel.verdict(), unfinished);
    showExport();
  };
  const stopMedia = onMedia(model, (slot, data, content) => {
    if (slot.startsWith(VIDEO_SLOT)) videos.load(slot.slice(VIDEO_SLOT.length), data);
    else if (slot === SHEET_SLOT) {
      const png = new Blob([data], { type: "image/png" });
      summary.showSheet(urls.set(SHEET_SLOT, png), content.path ?? "");
    }
  });
  const unwatch = [
    watch(model, ["cells", "axes"], update),
    watch(model, ["summary"], updateSummary),
  ];
  root.addEventListener("keydown", (event) => {
    event.stopPropagation(); // keys typed in the widget never reach JupyterLab's commands
    const target = event.target;
    if (target instanceof Element && target.closest("input, select, textarea, button")) return;
    const actions: Record<string, () => void> = {
      " ": () => sync.toggle(),
      k: () => sync.toggle(),
      ArrowLeft: () => sync.step(-1),
      ArrowRight: () => sync.step(1),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  updateSummary();
  update();
  const stopStill = hideStillWhenLive(model);
  send({ type: "hello" });
  return () => {
    stopStill();
    kernel.destroy();
    stopMedia();
    for (const stop of unwatch) stop();
    sync.destroy();
    videos.destroy();
    urls.destroy();
  };
}

export default { render };
