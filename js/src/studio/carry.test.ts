// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Area, Carried, Controls, StudioReplies, StudioToKernel } from "../generated/contract";
import { NOTHING_CARRIED } from "../lib/carry";
import { ObjectUrls } from "../lib/urls";
import { ADDED, cameraWords, endFrameOffer, IN_USE, MADE, MAKING } from "./carry";
import type { StudioAsk } from "./requests";
import { mount } from "./testing";

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

type Reply = StudioReplies[keyof StudioReplies];

/** A kernel that records each request and answers when the test says. */
function fakeKernel() {
  const asked: { msg: StudioToKernel; reply: ReturnType<typeof deferred<Reply>> }[] = [];
  const ask = ((msg: StudioToKernel) => {
    const reply = deferred<Reply>();
    asked.push({ msg, reply });
    return reply.promise;
  }) as StudioAsk;
  const answer = async (reply: Reply, index = asked.length - 1) => {
    asked[index]?.reply.resolve(reply);
    await flush();
  };
  return { ask, asked, answer };
}

const flush = () => new Promise((done) => setTimeout(done, 0));

const BRUSH_OFF: Controls = {
  motion_brush: { enabled: false, reason: "not on kling-v2-6; it is on kling-v1 …" },
};
const BRUSH_ON: Controls = { motion_brush: { enabled: true, reason: "" } };
const PAINTED: Area[] = [
  {
    id: "dynamic-1",
    kind: "dynamic",
    label: "dynamic 1",
    colour: "#e53935",
    visible: true,
    painted: true,
    path: [
      [10, 10],
      [90, 40],
    ],
  },
];
const CAN: Carried = { ...NOTHING_CARRIED, end_frame: { enabled: true, reason: "" } };
const NO_PATH: Carried = {
  ...NOTHING_CARRIED,
  end_frame: { enabled: false, reason: "paint a dynamic area and draw its path first" },
};
const MADE_REPLY: Reply = {
  ok: true,
  width: 1280,
  height: 720,
  notes: ["dynamic 1 ends partly outside the picture"],
};
const REFUSED: Reply = {
  ok: false,
  error: {
    field: "end_frame",
    rule: "kling-v2-6 std 5 s takes no end frame",
    value: "kling-v2-6",
    text: "end_frame: kling-v2-6 std 5 s takes no end frame",
  },
};
const PNG = new Uint8Array([137, 80, 78, 71]).buffer;

function offer(carried: Carried = CAN, controls: Controls = BRUSH_OFF) {
  const kernel = fakeKernel();
  const urls = new ObjectUrls();
  let view: ReturnType<typeof endFrameOffer> | undefined;
  const mounted = mount(
    (model) => {
      view = endFrameOffer(model, kernel.ask, urls);
      return view;
    },
    { params: { model_name: "kling-v2-6" }, controls, traits: { carried, areas: PAINTED } },
  );
  const button = (testid: string) => mounted.get<HTMLButtonElement>(testid);
  return {
    ...mounted,
    ...kernel,
    urls,
    button,
    received: (data: ArrayBuffer) => view?.received(data),
  };
}

/** Clicks Make, plays the kernel (the picture first, then the answer). */
async function made(view: ReturnType<typeof offer>, reply: Reply = MADE_REPLY) {
  view.button("make-end-frame").click();
  view.received(PNG);
  await view.answer(reply);
}

describe("the end frame offer", () => {
  it("is offered where the model cannot take the brush and something is painted", () => {
    const view = offer();
    expect(view.element.hidden).toBe(false);
    expect(view.button("make-end-frame").disabled).toBe(false);
    view.change({ controls: BRUSH_ON }); // the brush goes as it is
    expect(view.element.hidden).toBe(true);
    view.change({ controls: BRUSH_OFF, areas: [] });
    expect(view.element.hidden).toBe(true);
  });

  it("is disabled with the kernel's reason beside it, tied to it for assistive technology", () => {
    const view = offer(NO_PATH);
    const make = view.button("make-end-frame");
    const reason = view.get("reason-end-frame");
    expect(make.disabled).toBe(true);
    expect(reason.textContent).toBe("paint a dynamic area and draw its path first");
    expect(make.getAttribute("aria-describedby")?.split(" ")).toContain(reason.id);
    make.click();
    expect(view.asked).toEqual([]);
    view.change({ carried: CAN });
    expect(make.disabled).toBe(false);
    expect(reason.textContent).toBe("");
  });

  it("sends nothing until Make is clicked", () => {
    const view = offer();
    view.change({ carried: { ...CAN }, areas: [...PAINTED] });
    view.change({ carried: NO_PATH });
    view.change({ carried: CAN });
    expect(view.asked).toEqual([]);
  });

  it("asks for the end frame on a click, says it is at work, then shows it with its notes", async () => {
    const view = offer();
    const make = view.button("make-end-frame");
    make.focus();
    make.click();
    expect(view.asked.map((a) => a.msg)).toEqual([{ type: "make-end-frame" }]);
    const status = view.get("end-frame-status");
    expect(status.getAttribute("role")).toBe("status");
    expect(status.textContent).toBe(MAKING);
    expect(make.getAttribute("aria-disabled")).toBe("true"); // keeps the focus while at work
    make.click();
    expect(view.asked).toHaveLength(1);

    view.received(PNG); // the kernel's media `end-frame`, before its answer
    expect(view.get("end-frame-made").hidden).toBe(true);
    await view.answer(MADE_REPLY);
    const preview = view.get<HTMLImageElement>("end-frame-preview");
    expect(view.get("end-frame-made").hidden).toBe(false);
    expect(preview.tagName).toBe("IMG");
    expect(preview.getAttribute("src")).toBe(view.urls.get("end-frame"));
    expect(preview.getAttribute("src")).toMatch(/^blob:/);
    expect(preview.alt).toMatch(/end frame made from the brush/);
    expect(preview.getAttribute("width")).toBe("1280");
    const notes = view.all("[data-testid='end-frame-notes'] li").map((li) => li.textContent);
    expect(notes).toEqual(["dynamic 1 ends partly outside the picture"]);
    expect(status.textContent).toBe(MADE);
    expect(make.hasAttribute("aria-disabled")).toBe(false);
    expect(document.activeElement).toBe(view.button("use-end-frame"));
  });

  it("puts it in the end frame slot on Use, closes, and says the slot holds it", async () => {
    const view = offer();
    await made(view);
    view.button("use-end-frame").focus();
    view.button("use-end-frame").click();
    expect(view.asked.map((a) => a.msg.type)).toEqual(["make-end-frame", "use-end-frame"]);
    view.change({ carried: { ...CAN, end_frame_in_use: true } }); // before the answer, as sent
    await view.answer({
      ok: true,
      slot: "tail",
      name: "end frame from the brush",
      width: 1,
      height: 1,
    });
    expect(view.get("end-frame-made").hidden).toBe(true);
    expect(view.urls.get("end-frame")).toBeUndefined();
    expect(document.activeElement).toBe(view.button("make-end-frame")); // not lost with Use
    const inUse = view.get("end-frame-in-use");
    expect(inUse.textContent).toBe(IN_USE);
    expect(inUse.getAttribute("role")).toBe("status");
    view.change({ carried: CAN }); // another picture went into the slot
    expect(inUse.textContent).toBe("");
  });

  it("drops it on Discard, sending nothing", async () => {
    const view = offer();
    await made(view);
    view.button("discard-end-frame").click();
    expect(view.asked).toHaveLength(1);
    expect(view.get("end-frame-made").hidden).toBe(true);
    expect(view.get("end-frame-preview").hasAttribute("src")).toBe(false);
    expect(view.urls.get("end-frame")).toBeUndefined();
    expect(view.get("end-frame-status").textContent).toBe("");
  });

  it("says a refusal beside the button, and clears it on the next click", async () => {
    const view = offer();
    await made(view, REFUSED);
    const alert = view.get("error-end-frame");
    expect(alert.textContent).toBe("end_frame: kling-v2-6 std 5 s takes no end frame");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(view.button("make-end-frame").getAttribute("aria-describedby")?.split(" ")).toContain(
      alert.id,
    );
    expect(view.get("end-frame-made").hidden).toBe(true);
    expect(view.get("end-frame-status").textContent).toBe("");
    view.button("make-end-frame").click();
    expect(alert.textContent).toBe("");
  });

  it("keeps the preview when Use is refused, saying why", async () => {
    const view = offer();
    await made(view);
    view.button("use-end-frame").click();
    await view.answer(REFUSED);
    expect(view.get("end-frame-made").hidden).toBe(false);
    expect(view.get("error-end-frame").textContent).toBe(REFUSED.ok ? "" : REFUSED.error.text);
  });

  it("closes the preview when the model takes the brush after all", async () => {
    const view = offer();
    await made(view);
    view.change({ controls: BRUSH_ON });
    expect(view.get("end-frame-made").hidden).toBe(true);
    expect(view.urls.get("end-frame")).toBeUndefined();
  });

  it("shows an end frame made from Python the same way, without notes", () => {
    const view = offer();
    view.received(PNG);
    expect(view.get("end-frame-made").hidden).toBe(false);
    expect(view.get("end-frame-preview").getAttribute("src")).toMatch(/^blob:/);
    expect(view.all("[data-testid='end-frame-notes'] li")).toEqual([]);
    expect(view.asked).toEqual([]);
  });
});

const ZOOM = "the camera slowly zooms in";
const PAN = "the camera pans left";

function words(carried: Carried = { ...NOTHING_CARRIED, camera_phrase: ZOOM }) {
  const kernel = fakeKernel();
  const mounted = mount((model) => cameraWords(model, kernel.ask), {
    params: { model_name: "kling-v2-6" },
    traits: { carried },
  });
  const box = mounted.get<HTMLInputElement>("camera-phrase");
  const add = mounted.get<HTMLButtonElement>("add-camera-phrase");
  const type = (text: string) => {
    box.value = text;
    box.dispatchEvent(new Event("input"));
  };
  const offered = (phrase: string, inPrompt = false) =>
    mounted.change({
      carried: { ...NOTHING_CARRIED, camera_phrase: phrase, camera_phrase_in_prompt: inPrompt },
    });
  return { ...mounted, ...kernel, box, add, type, offered };
}

describe("the camera move in words", () => {
  it("is shown only while the kernel offers words, in a box named for assistive technology", () => {
    const view = words(NOTHING_CARRIED);
    expect(view.element.hidden).toBe(true);
    view.offered(ZOOM);
    expect(view.element.hidden).toBe(false);
    expect(view.box.value).toBe(ZOOM);
    expect(view.box.labels?.[0]?.textContent).toBe("Camera move in words");
    expect(view.add.textContent).toBe("Add to prompt");
  });

  it("sends the words as edited, only on the click", async () => {
    const view = words();
    view.type("the camera slowly zooms in on the boat");
    view.offered(ZOOM);
    expect(view.asked).toEqual([]);
    view.add.click();
    expect(view.asked.map((a) => a.msg)).toEqual([
      { type: "add-camera-phrase", text: "the camera slowly zooms in on the boat" },
    ]);
    view.offered(ZOOM, true); // the prompt holds them now
    await view.answer({ ok: true });
    expect(view.get("camera-phrase-added").textContent).toBe(ADDED);
    expect(view.add.textContent).toBe("Added");
    expect(view.add.disabled).toBe(true);
  });

  it("keeps the focus in the row when the button goes off", async () => {
    const view = words();
    view.add.focus();
    view.add.click();
    view.offered(ZOOM, true);
    await view.answer({ ok: true });
    expect(document.activeElement).toBe(view.box);
  });

  it("keeps edits while the offer stays, and fills the box again when the move changes", () => {
    const view = words();
    view.type("a slow zoom");
    view.offered(ZOOM);
    expect(view.box.value).toBe("a slow zoom");
    view.offered(PAN);
    expect(view.box.value).toBe(PAN);
  });

  it("never writes into the box the person is typing in", () => {
    const view = words();
    view.box.focus();
    view.type("a slow zoom");
    view.offered(PAN);
    expect(view.box.value).toBe("a slow zoom");
  });

  it("offers a new move again after the earlier one was added", async () => {
    const view = words();
    view.add.click();
    view.offered(ZOOM, true);
    await view.answer({ ok: true });
    view.offered(PAN, true); // the zoom's words stay in the prompt
    expect(view.add.disabled).toBe(false);
    expect(view.add.textContent).toBe("Add to prompt");
    expect(view.get("camera-phrase-added").textContent).toBe("");
  });

  it("lets edited words be added again", async () => {
    const view = words({ ...NOTHING_CARRIED, camera_phrase: ZOOM, camera_phrase_in_prompt: true });
    expect(view.add.disabled).toBe(true);
    view.type("the camera zooms in fast");
    expect(view.add.disabled).toBe(false);
    view.add.click();
    expect(view.asked.map((a) => a.msg)).toEqual([
      { type: "add-camera-phrase", text: "the camera zooms in fast" },
    ]);
  });

  it("refuses empty words here and says a refusal beside the box", async () => {
    const view = words();
    view.type("   ");
    view.add.click();
    expect(view.asked).toEqual([]);
    const alert = view.get("error-camera-phrase");
    expect(alert.textContent).toMatch(/write the move/);
    expect(view.box.getAttribute("aria-invalid")).toBe("true");
    view.type(ZOOM);
    expect(alert.textContent).toBe("");
    view.add.click();
    await view.answer({
      ok: false,
      error: {
        field: "camera_control",
        rule: "must be set to be added as words",
        value: null,
        text: "camera_control must be set to be added as words",
      },
    });
    expect(alert.textContent).toBe("camera_control must be set to be added as words");
    expect(view.box.getAttribute("aria-describedby")?.split(" ")).toContain(alert.id);
  });
});
