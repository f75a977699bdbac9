// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { header } from "./header";
import type { CompareToKernel, Summary } from "./model";

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

describe("the Compare header", () => {
  it("shows the kernel's message, and hides the line when there is none", () => {
    const view = header(() => true);
    view.update({ ...SUMMARY, message: "no cell has succeeded with a saved video" }, "alive", []);
    expect(part(view.element, "message").textContent).toBe(
      "no cell has succeeded with a saved video",
    );
    view.update(SUMMARY, "alive", []);
    expect(part(view.element, "message").textContent).toBe("");
  });

  it("asks for the contact sheet, then shows it with its path and a download", () => {
    const sent: CompareToKernel[] = [];
    const view = header((content) => sent.push(content) > 0);
    view.update(SUMMARY, "alive", []);
    part(view.element, "contact-sheet").click();
    expect(sent).toEqual([{ type: "contact-sheet" }]);
    expect(part(view.element, "contact-sheet-view").hidden).toBe(true);

    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:sheet");
    const revokeObjectURL = vi.spyOn(URL, "revokeObjectURL").mockReturnValue(undefined);
    const path = "/tmp/kling-compare/x/contact-sheet.png";
    view.update({ ...SUMMARY, contact_sheet: path }, "alive", []);
    view.showSheet(new Uint8Array([137, 80, 78, 71]).buffer, path);

    expect(part(view.element, "contact-sheet-view").hidden).toBe(false);
    expect(part(view.element, "contact-sheet-image").getAttribute("src")).toBe("blob:sheet");
    expect(part(view.element, "contact-sheet-path").textContent).toBe(path);
    const download = part(view.element, "contact-sheet-download") as HTMLAnchorElement;
    expect(download.getAttribute("href")).toBe("blob:sheet");
    expect(download.download).toBe("contact-sheet.png");

    view.update({ ...SUMMARY, contact_sheet: path }, "alive", []); // a status tick keeps it
    expect(part(view.element, "contact-sheet-view").hidden).toBe(false);
    view.destroy();
    expect(revokeObjectURL).toHaveBeenCalledWith("blob:sheet");
    vi.restoreAllMocks();
  });
});
