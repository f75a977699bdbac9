// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CompareReplies, Refused } from "../generated/contract";
import { header } from "./header";
import type { CompareToKernel, Summary } from "./model";
import type { CompareAsk } from "./requests";

const SUMMARY: Summary = {
  tasks: 2,
  units: 2,
  unsupported: 0,
  warnings: [],
  max_units: null,
  over_budget: false,
  phase: "done",
  provider: "the local emulator",
  emulated: true,
  folder: "/tmp/kling-compare/x",
};

function part(root: HTMLElement, testid: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (found === null) throw new Error(`no ${testid}`);
  return found;
}

const OVER: Refused = {
  ok: false,
  error: {
    field: "start",
    rule: "must stay within the budget",
    value: "about 2 units",
    text: "the sweep would cost about 2 units, over the budget of 1; nothing was sent",
  },
};

/** Plays the kernel: answers each request with the next of `replies`, and keeps what was asked. */
function kernel(replies: unknown[]): { ask: CompareAsk; sent: CompareToKernel[] } {
  const sent: CompareToKernel[] = [];
  const ask = ((msg: CompareToKernel) => {
    sent.push(msg);
    return Promise.resolve(replies.shift());
  }) as CompareAsk;
  return { ask, sent };
}

/** Lets the replies' `then`s run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the Compare header", () => {
  it("says a refused start under Start, as an alert, until the next click", async () => {
    const { ask, sent } = kernel([OVER, { ok: true, tasks: 2 } satisfies CompareReplies["start"]]);
    const view = header(ask);
    view.update({ ...SUMMARY, phase: "planned" }, "alive", []);
    const start = part(view.element, "start") as HTMLButtonElement;
    start.click();
    expect(start.disabled).toBe(true); // waiting for the answer: no second start
    await settled();
    const error = part(view.element, "start-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toBe(OVER.error.text);
    expect(start.getAttribute("aria-describedby")).toBe(error.id);
    expect(start.disabled).toBe(false);
    start.click();
    expect(error.textContent).toBe("");
    await settled();
    expect(sent).toEqual([
      { type: "start", confirm: false },
      { type: "start", confirm: false },
    ]);
  });

  it("asks for the contact sheet, then shows it with its path and a download", async () => {
    const path = "/tmp/kling-compare/x/contact-sheet.png";
    const { ask, sent } = kernel([{ ok: true, path }]);
    const view = header(ask);
    view.update(SUMMARY, "alive", []);
    part(view.element, "contact-sheet").click();
    await settled();
    expect(sent).toEqual([{ type: "contact-sheet" }]);
    expect(part(view.element, "contact-sheet-path").textContent).toBe(path); // from the reply
    expect(part(view.element, "contact-sheet-view").hidden).toBe(true);

    view.update({ ...SUMMARY, contact_sheet: path }, "alive", []);
    view.showSheet("blob:sheet", path);

    expect(part(view.element, "contact-sheet-view").hidden).toBe(false);
    expect(part(view.element, "contact-sheet-image").getAttribute("src")).toBe("blob:sheet");
    expect(part(view.element, "contact-sheet-path").textContent).toBe(path);
    const download = part(view.element, "contact-sheet-download") as HTMLAnchorElement;
    expect(download.getAttribute("href")).toBe("blob:sheet");
    expect(download.download).toBe("contact-sheet.png");

    view.update({ ...SUMMARY, contact_sheet: path }, "alive", []); // a status tick keeps it
    expect(part(view.element, "contact-sheet-view").hidden).toBe(false);
  });
});

describe("the contact sheet button", () => {
  it("says why there is no sheet under the button", async () => {
    const text = "contact sheet: needs a cell that succeeded with a saved video (got 0 of 2)";
    const { ask } = kernel([
      { ok: false, error: { field: "contact sheet", rule: "needs a video", value: null, text } },
    ]);
    const view = header(ask);
    view.update(SUMMARY, "alive", []);
    part(view.element, "contact-sheet").click();
    await settled();
    expect(part(view.element, "contact-sheet-error").textContent).toBe(text);
    expect(part(view.element, "contact-sheet-view").hidden).toBe(true);
  });
});
