// The Studio widget: pictures, motion brush, parameters, Generate, status and the video, in one
// cell. The kernel owns the rules, the request and the work; this draws and sends what the
// person does. Heavy media only ever travels as binary buffers.

import "../studio/studio.css";
import type { StudioReplies, StudioToKernel } from "../generated/contract";
import { asker, type Invoke } from "../lib/ask";
import { h } from "../studio/dom";
import { generateControl } from "../studio/generate";
import { watchKernel } from "../studio/kernel";
import type { Area, Model } from "../studio/model";
import { Painter } from "../studio/painter";
import { paramsForm } from "../studio/params";
import { pastedFile, pictureSlots } from "../studio/pictures";
import { player } from "../studio/player";
import { STUDIO_PLANS } from "../studio/requests";
import { resumeOffer } from "../studio/resume";
import { statusPanel, WORKING } from "../studio/status";
import { decode, onMedia } from "../studio/transfer";

const BUSY = new Set(["uploading", ...WORKING]);

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
  const kernel = watchKernel(model, {
    heardOn: "change:status change:history change:resumable change:spend",
    expectingBeats: () => WORKING.has(phase()),
    onChange: () => update(),
  });
  const send = (content: StudioToKernel, buffers?: ArrayBuffer[]): boolean =>
    kernel.send(content, buffers);
  const ask = asker<StudioReplies, StudioToKernel>(experimental.invoke, STUDIO_PLANS, kernel);
  const pictures = pictureSlots(model, ask, send);
  const params = paramsForm(model);
  const status = statusPanel(model, () => send({ type: "stop" }));
  const result = player(model, send);
  const offer = resumeOffer(model, {
    resume: () => ask({ type: "resume" }),
    dismiss: () => send({ type: "dismiss" }),
  });
  const generate = generateControl(
    model,
    (allowOverBudget) => ask({ type: "generate", allow_over_budget: allowOverBudget }),
    () => update(), // the status stops repeating what the refusal says
  );
  const warning = h("div", { class: "ks-warning", "data-testid": "painter-warning" });
  const painter = new Painter(
    {
      onMask(areaId, png) {
        if (png === null) {
          model.send({ type: "mask", area: areaId });
          return;
        }
        void png
          .arrayBuffer()
          .then((buffer) => model.send({ type: "mask", area: areaId }, undefined, [buffer]));
      },
      onAreas(areas: Area[]) {
        model.set("areas", areas);
        model.save_changes();
      },
      onWarning(message) {
        warning.textContent = message ?? "";
      },
    },
    model.get("catalogue").max_trajectory_points,
  );
  const blockers = h("div", { class: "ks-blockers", "data-testid": "blockers" });

  const brush = h("section", { class: "ks-brush" }, painter.element, warning);
  const root = h(
    "div",
    {
      class: "ks-root",
      tabindex: 0,
      "data-lm-suppress-shortcuts": "true",
      "data-testid": "studio",
    },
    h(
      "div",
      { class: "ks-columns" },
      h("div", { class: "ks-left" }, pictures.element, brush),
      h(
        "div",
        { class: "ks-right" },
        offer.element,
        params.element,
        generate.element,
        blockers,
        status.element,
      ),
    ),
    result.element,
  );
  el.append(root);

  function update(): void {
    kernel.check();
    const verdict = kernel.verdict();
    const alive = verdict === "alive";
    pictures.update();
    params.update();
    status.update(verdict, generate.said());
    result.update();
    const controls = model.get("controls");
    const multi = model.get("kind") === "multi-image2video";
    brush.hidden = multi;
    const motion = controls.motion_brush;
    painter.setEnabled(motion?.enabled ?? true, motion?.reason ?? "");
    const problems = model.get("problems").filter((p) => p.severity !== "warning");
    const generating = alive && BUSY.has(phase());
    generate.update({
      blocked: problems.length > 0 || controls.generate?.enabled === false,
      busy: generating,
      kernelAlive: alive,
    });
    offer.update(alive && !generating);
    blockers.textContent = problems.length ? problems.map((p) => p.text).join("\n") : "";
  }

  // Masks are drawn at the picture's size, so each waits for the picture received before it.
  let pictureReady: Promise<void> = Promise.resolve();
  const stopMedia = onMedia(model, (slot, data, content) => {
    if (slot === "video") {
      result.show(content.run ?? "", data, content.path ?? "");
    } else if (slot.startsWith("thumb:")) {
      result.thumbnail(slot.slice("thumb:".length), data);
    } else if (slot.startsWith("mask:")) {
      const mask = content.clear ? Promise.resolve(blankCanvas()) : decode(data);
      void Promise.all([mask, pictureReady]).then(([source]) =>
        painter.loadMask(slot.slice("mask:".length), source),
      );
    } else {
      pictures.showPicture(slot, URL.createObjectURL(new Blob([data])));
      const meta = model.get("pictures")[slot];
      if (slot === "image" && meta) {
        pictureReady = decode(data).then((bitmap) =>
          painter.setImage(bitmap, meta.width, meta.height),
        );
      }
    }
  });

  const onAreas = () => painter.setAreas(model.get("areas"));
  const events =
    "change:params change:controls change:problems change:status change:history change:pictures change:multi_order change:kind change:units change:catalogue change:resumable change:spend change:emulated change:provider";
  model.on(events, update);
  model.on("change:areas", onAreas);
  root.addEventListener("keydown", (event) => {
    painter.handleKey(event);
    event.stopPropagation(); // keys typed in the widget never reach JupyterLab's commands
  });
  root.addEventListener("paste", (event) => {
    const file = pastedFile(event);
    if (file) {
      event.preventDefault();
      pictures.paste(file);
    }
  });

  update();
  onAreas();
  send({ type: "hello" });
  return () => {
    kernel.destroy();
    stopMedia();
    model.off(events, update);
    model.off("change:areas", onAreas);
    painter.destroy();
  };
}

export default { render };
