// The Studio widget: pictures, motion brush, parameters, Generate, status and the video, in one
// cell, laid out for the loop "paint → generate → look → adjust": the painter on the left, where
// the video takes its place when a run started here ends (studio/switcher.ts); the parameters,
// Generate and the status on the right. The kernel owns the rules, the request and the work; this draws and sends what the
// person does. Heavy media only ever travels as binary buffers.
//
// Each view lists its updates with the traits each reads; they are subscribed one by one, so a
// status tick (twice a second during a run) wakes the status, Generate and the resume offer's
// buttons, and nothing else.

import "../lib/theme.css";
import "../lib/controls.css";
import "../lib/alert.css";
import "../studio/studio.css";
import type { StudioReplies } from "../generated/contract";
import { asker, type Invoke } from "../lib/ask";
import { serverFiles } from "../lib/files";
import { keptNote } from "../lib/kept";
import { onMedia } from "../lib/media";
import { hideStillWhenLive } from "../lib/stills";
import { ObjectUrls } from "../lib/urls";
import { watch } from "../lib/watch";
import { cameraWords, endFrameOffer } from "../studio/carry";
import { VideoDelivery } from "../studio/delivery";
import { h, setHidden } from "../studio/dom";
import { WidgetDrop } from "../studio/drop";
import { blockers, generateControl } from "../studio/generate";
import { watchKernel } from "../studio/kernel";
import type { Area, Model, Signal, StudioToKernel, Traits, Updates } from "../studio/model";
import { Painter } from "../studio/painter";
import { paramsForm } from "../studio/params";
import { pastedFile, pictureSlots } from "../studio/pictures";
import { type Player, player } from "../studio/player";
import { STUDIO_PLANS } from "../studio/requests";
import { resumeOffer } from "../studio/resume";
import { statusPanel, WORKING } from "../studio/status";
import { switcher } from "../studio/switcher";
import { decode, upload } from "../studio/transfer";

/** The updates that read each signal, run when the widget raises it. */
type Listeners = Record<Signal, (() => void)[]>;

function isSignal(source: string, listeners: Listeners): source is Signal {
  return Object.hasOwn(listeners, source);
}

/**
 * Runs each update now and again whenever what it reads changes: a trait (through the model) or
 * a signal (the kernel's liveness, the refusal under Generate: `listeners`, run by the widget).
 * Returns what stops them all.
 */
function subscribe(model: Model, updates: Updates, listeners: Listeners): () => void {
  const stops = updates.map(({ reads, run }) => {
    const traits: (keyof Traits)[] = [];
    for (const source of reads) {
      if (isSignal(source, listeners)) listeners[source].push(run);
      else traits.push(source);
    }
    run();
    return watch(model, traits, run);
  });
  return () => {
    for (const stop of stops) stop();
    for (const runs of Object.values(listeners)) runs.length = 0;
  };
}

function raise(listeners: Listeners, signal: Signal): void {
  for (const run of listeners[signal]) run();
}

/** A transparent canvas: loading it as a mask clears the area. */
function blankCanvas(): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = 1;
  canvas.height = 1;
  return canvas;
}

function render({
  model,
  el,
  experimental,
}: {
  model: Model;
  el: HTMLElement;
  experimental: { invoke: Invoke };
}): () => void {
  const phase = (): string => model.get("status")?.phase ?? "idle";
  const listeners: Listeners = { kernel: [], refusal: [] };
  const kernel = watchKernel(model, {
    heardOn: "change:status change:history change:resumable change:spend",
    expectingBeats: () => WORKING.has(phase()),
    onChange: () => raise(listeners, "kernel"),
  });
  const verdict = () => kernel.verdict();
  const send = (content: StudioToKernel, buffers?: ArrayBuffer[]): boolean =>
    kernel.send(content, buffers);
  const ask = asker<StudioReplies, StudioToKernel>(experimental.invoke, STUDIO_PLANS, kernel);
  const urls = new ObjectUrls();
  const pictures = pictureSlots(model, ask, send);
  const endFrame = endFrameOffer(model, ask, urls);
  const cameraText = cameraWords(model, ask);
  const params = paramsForm(model, { underCamera: cameraText.element });
  const generate = generateControl(
    model,
    verdict,
    (allowOverBudget) =>
      ask({ type: "generate", allow_over_budget: allowOverBudget }).then((reply) => {
        if (reply.ok) view.expectVideo(); // the person waits for this one: show it when it comes
        return reply;
      }),
    () => raise(listeners, "refusal"), // the status stops repeating what the refusal says
  );
  const status = statusPanel(model, verdict, generate.said, () => send({ type: "stop" }));
  const result = player(model, send, (run) => delivery.fetchBytes(run));
  const shown: Pick<Player, "show" | "refused"> = {
    show(...args) {
      view.videoArrived(); // the video takes the painter's place when a run the person started ends
      result.show(...args);
    },
    refused: (error) => result.refused(error),
  };
  const delivery = new VideoDelivery(model, ask, shown, urls, serverFiles());
  const offer = resumeOffer(model, verdict, {
    resume: () =>
      ask({ type: "resume" }).then((reply) => {
        if (reply.ok) view.expectVideo(); // as after Generate: its video is shown when it comes
        return reply;
      }),
    dismiss: () => send({ type: "dismiss" }),
  });
  const blocked = blockers(model);
  const warning = h("div", { class: "ks-warning", "data-testid": "painter-warning" });
  const painter = new Painter(
    {
      onMask(areaId, png) {
        if (png === null) {
          model.send({ type: "mask", area: areaId });
          return;
        }
        return png
          .arrayBuffer()
          .then((buffer) => model.send({ type: "mask", area: areaId }, undefined, [buffer]));
      },
      select: (request, buffers) => ask(request, buffers),
      exportMasks: () => ask({ type: "export-masks" }),
      shapePath: (request) => ask(request),
      trackPath: (request) => ask(request),
      uploadClip: (file, progress) =>
        upload(
          ask,
          send,
          "clip",
          file,
          file.name,
          model.get("catalogue").selection.max_clip_bytes,
          progress,
        ),
      onAreas(areas: Area[]) {
        model.set("areas", areas);
        model.save_changes();
      },
      onWarning(message) {
        warning.textContent = message ?? "";
      },
    },
    {
      maxPathPoints: model.get("catalogue").max_trajectory_points,
      paintedAbove: model.get("catalogue").mask_threshold,
      selection: model.get("catalogue").selection,
    },
  );

  // The offer to send the brush as an end frame sits under the paint it carries (carry.ts).
  const brush = h("section", { class: "ks-brush" }, painter.element, warning, endFrame.element);
  const brushUpdates: Updates = [
    { reads: ["kind"], run: () => setHidden(brush, model.get("kind") === "multi-image2video") },
    {
      reads: ["controls"],
      run: () => {
        const motion = model.get("controls").motion_brush;
        painter.setEnabled(motion?.enabled ?? true, motion?.reason ?? "");
      },
    },
    { reads: ["areas"], run: () => painter.setAreas(model.get("areas")) },
    {
      reads: ["problems"],
      run: () => painter.setKept(keptNote(model.get("problems"), "dynamic_masks")),
    },
  ];
  const view = switcher(model, brush, result.element);
  const root = h(
    "div",
    {
      class: "ks-root",
      tabindex: 0,
      role: "group",
      "aria-label": "Kling image to video",
      "data-lm-suppress-shortcuts": "true",
      "data-testid": "studio",
    },
    h(
      "div",
      { class: "ks-columns" },
      h("div", { class: "ks-left" }, pictures.element, view.element, view.stage),
      h(
        "div",
        { class: "ks-right" },
        offer.element,
        params.element,
        generate.element,
        blocked.element,
        status.element,
      ),
    ),
  );
  el.append(root);

  // Masks are drawn at the picture's size, so each waits for the picture received before it.
  let pictureReady: Promise<void> = Promise.resolve();
  const stopMedia = onMedia(model, (slot, data, content) => {
    if (slot === "video") return; // the video's delivery (studio/delivery.ts) shows it
    if (slot === "end-frame") {
      endFrame.received(data); // shown for approval, not a slot's picture until it is used
      return;
    }
    if (slot === "clip") {
      painter.clipFrame(urls.set(slot, new Blob([data], { type: "image/jpeg" })));
      return;
    }
    if (slot.startsWith("thumb:")) {
      const url = urls.set(slot, new Blob([data], { type: "image/jpeg" }));
      result.thumbnail(slot.slice("thumb:".length), url);
    } else if (slot.startsWith("mask:")) {
      const mask = content.clear ? Promise.resolve(blankCanvas()) : decode(data);
      void Promise.all([mask, pictureReady]).then(([source]) =>
        painter.loadMask(slot.slice("mask:".length), source, content.selection),
      );
    } else {
      pictures.showPicture(slot, urls.set(`picture:${slot}`, new Blob([data])));
      const meta = model.get("pictures")[slot];
      if (slot === "image" && meta) {
        view.pictureArrived();
        pictureReady = decode(data).then((bitmap) =>
          painter.setImage(bitmap, meta.width, meta.height),
        );
      }
    }
  });

  const views = [
    pictures,
    params,
    cameraText,
    endFrame,
    status,
    result,
    offer,
    generate,
    blocked,
    view,
  ];
  const unsubscribe = subscribe(
    model,
    [...views.flatMap((view) => view.updates), ...brushUpdates],
    listeners,
  );
  root.addEventListener("keydown", (event) => {
    if (view.showing() === "paint") painter.handleKey(event); // not on paint out of sight
    event.stopPropagation(); // keys typed in the widget never reach JupyterLab's commands
  });
  const drop = new WidgetDrop(root, pictures);
  root.addEventListener("paste", (event) => {
    const file = pastedFile(event);
    if (file) {
      event.preventDefault();
      pictures.paste(file);
    }
  });

  const stopStill = hideStillWhenLive(model);
  send({ type: "hello" });
  return () => {
    stopStill();
    unsubscribe();
    kernel.destroy();
    stopMedia();
    delivery.destroy();
    drop.destroy();
    painter.destroy();
    result.destroy();
    urls.destroy();
  };
}

export default { render };
