// Export in Compare's header: a labelled format menu and "Export grid", which asks the kernel to
// write the whole grid as one file (`export-grid`), with the sound of the cell heard for MP4.
// While it works, a status line (role="status") and a bar follow `summary.export.progress`;
// then the kernel's words, the file's path (selectable) and the reply's notes. A refusal is said
// under the button until the next click. Disabled, with the reason beside it, until a cell has a
// video; while exporting the button keeps the focus (aria-disabled) and ignores clicks.

import type { GridExport } from "../generated/contract";
import { alertFor } from "../studio/alert";
import { h, setDisabled, setHidden, setText, uniqueId } from "../studio/dom";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportBlocked,
  exportLine,
  exportRequest,
  type HeardCell,
  isExportFormat,
  soundNote,
} from "./exporting";
import type { CompareAsk } from "./requests";

export interface ExportView {
  element: HTMLElement;
  /** The kernel's export state; `videos`: cells with a video here; `alive`: the kernel is. */
  update(state: GridExport | undefined, videos: number, alive: boolean): void;
  /** The cell heard now (null: none), whose sound an MP4 carries. */
  hear(cell: HeardCell | null): void;
}

export function exportGrid(ask: CompareAsk): ExportView {
  const select = h(
    "select",
    { "data-testid": "export-format" },
    ...EXPORT_FORMATS.map(({ value, label }) => h("option", { value }, label)),
  );
  const reason = h("span", {
    class: "kc-export-reason",
    id: uniqueId("kc-export-reason"),
    "data-testid": "export-reason",
  });
  const note = h("span", {
    class: "kc-export-note",
    id: uniqueId("kc-export-note"),
    "data-testid": "export-sound",
  });
  const button = h(
    "button",
    {
      type: "button",
      class: "kc-button",
      "aria-describedby": `${reason.id} ${note.id}`,
      "data-testid": "export",
    },
    "Export grid",
  );
  const alert = alertFor("export-error", [button], "kc-error");
  // Present (and empty) from the start, so assistive technology hears the words arrive.
  const status = h("span", {
    class: "kc-export-status ks-live",
    role: "status",
    id: uniqueId("kc-export-status"),
    "data-testid": "export-status",
  });
  const bar = h("progress", {
    class: "kc-export-bar",
    max: 1,
    value: 0,
    "aria-labelledby": status.id,
    "data-testid": "export-progress",
    hidden: true,
  });
  const path = h("code", { class: "kc-folder-path", "data-testid": "export-path" });
  const notes = h("ul", { class: "kc-export-notes", "data-testid": "export-notes" });
  const element = h(
    "div",
    {
      class: "kc-export",
      role: "group",
      "aria-label": "Export the grid",
      "data-testid": "export-view",
    },
    h(
      "div",
      { class: "kc-export-row" },
      h("label", { class: "kc-sort" }, h("span", {}, "Export as"), select),
      button,
      reason,
      note,
    ),
    alert.element,
    h("div", { class: "kc-export-row" }, bar, status, path),
    notes,
  );

  let format: ExportFormat = "mp4";
  let heard: HeardCell | null = null;
  let pending = false;
  let state: GridExport | undefined;
  /** The path in the last answer: the file written, should the state not carry it. */
  let written = "";

  const busy = (): boolean => pending || state?.phase === "exporting";

  function render(): void {
    setText(note, soundNote(format, heard));
    if (busy()) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
    const failedSaid = state?.phase === "failed" && alert.text() !== "";
    setText(status, failedSaid ? "" : exportLine(state));
    const exporting = state?.phase === "exporting";
    setHidden(bar, !exporting);
    if (exporting && state) bar.value = state.progress;
    const working = state?.phase === "exporting" || state?.phase === "failed";
    setText(path, working ? "" : (state?.path ?? written));
  }

  select.addEventListener("change", () => {
    if (!isExportFormat(select.value)) return;
    format = select.value;
    render();
  });
  button.addEventListener("click", () => {
    if (busy() || button.disabled) return;
    alert.show(null);
    notes.replaceChildren();
    written = "";
    pending = true;
    render();
    void ask(exportRequest(format, heard?.id ?? null)).then((reply) => {
      pending = false;
      if (reply.ok) {
        written = reply.path;
        notes.replaceChildren(...reply.notes.map((text) => h("li", {}, text)));
      } else {
        alert.show(reply.error);
      }
      render();
    });
  });

  return {
    element,
    update(next, videos, alive) {
      state = next;
      const why = exportBlocked(videos, alive);
      if (why && document.activeElement === button) select.focus();
      setDisabled(button, why !== "");
      setText(reason, why);
      render();
    },
    hear(cell) {
      heard = cell;
      render();
    },
  };
}
