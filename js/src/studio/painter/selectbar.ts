// The painter's selection actions: Subject, the refine buttons (Grow and Shrink by the px box's
// amount, Feather, Fill holes, Invert), Load mask… and Export masks, with what the last export
// said. Each acts on the selected area and becomes one undoable edit (the painter asks the
// kernel). A factory: it owns only its DOM and reports what was clicked.

import type { SelectionLimits } from "../../generated/contract";
import { h, setText } from "../dom";
import { painterButton } from "./buttons";
import type { RefineTool } from "./types";

export interface SelectBarActions {
  /** The main subject into the selected area; `add`: Shift was held (else it replaces). */
  subject(add: boolean): void;
  refine(tool: RefineTool, amount: number): void;
  loadMasks(files: readonly File[]): void;
  exportMasks(): void;
}

const REFINES: readonly { tool: RefineTool; text: string; title: string; amount?: true }[] = [
  {
    tool: "grow",
    text: "Grow",
    title: "Move the selected area's edge out by the pixels beside Shrink",
    amount: true,
  },
  {
    tool: "shrink",
    text: "Shrink",
    title: "Move the selected area's edge in by the pixels beside it",
    amount: true,
  },
  {
    tool: "feather",
    text: "Feather",
    title: "Let the selected area's edge follow the picture's own edges within the pixels given",
    amount: true,
  },
  { tool: "fill-holes", text: "Fill holes", title: "Paint the holes inside the selected area" },
  {
    tool: "invert",
    text: "Invert",
    title: "Paint what is unpainted in the selected area, and clear the rest",
  },
];

export interface SelectBar {
  readonly element: HTMLElement;
  /** Every control that edits paint, for the painter's enabled state. */
  readonly controls: readonly (HTMLButtonElement | HTMLInputElement)[];
  /** Export masks: usable whenever something is painted, like clearing (never a dead end). */
  readonly exportButton: HTMLButtonElement;
  /** What the last export or load said (null: nothing). */
  showSaid(text: string | null, error?: boolean): void;
}

export function selectBar(actions: SelectBarActions, limits: SelectionLimits): SelectBar {
  const subject = painterButton(
    "select-subject",
    "Subject",
    "Select the picture's main subject into the selected area (Shift+click adds to its paint)",
  );
  subject.addEventListener("click", (event) => actions.subject(event.shiftKey));
  const amount = h("input", {
    type: "number",
    class: "ks-painter-amount",
    min: 1,
    max: limits.refine_max_px,
    step: 1,
    value: limits.refine_default_px,
    "aria-label": "Pixels to grow, shrink or feather by",
    title: `Pixels to grow, shrink or feather by (1–${limits.refine_max_px})`,
    "data-testid": "refine-amount",
  });
  const amountNow = (): number => {
    const value = Math.round(Number(amount.value));
    const within = Number.isFinite(value) ? value : limits.refine_default_px;
    const clamped = Math.min(limits.refine_max_px, Math.max(1, within));
    amount.value = String(clamped);
    return clamped;
  };
  const refines = REFINES.map(({ tool, text, title }) => {
    const element = painterButton(`refine-${tool}`, text, title);
    element.addEventListener("click", () => actions.refine(tool, amountNow()));
    return element;
  });
  const [grow, shrink, feather, fill, invert] = refines as [
    HTMLButtonElement,
    HTMLButtonElement,
    HTMLButtonElement,
    HTMLButtonElement,
    HTMLButtonElement,
  ];
  const files = h("input", {
    type: "file",
    accept: "image/png,.png",
    multiple: true,
    hidden: true,
    "data-testid": "load-mask-file",
  });
  files.addEventListener("change", () => {
    const chosen = [...(files.files ?? [])];
    files.value = ""; // the same file can be chosen again
    if (chosen.length > 0) actions.loadMasks(chosen);
  });
  const load = painterButton(
    "load-mask",
    "Load mask…",
    "Paint areas from PNG masks: a file named after an area (dynamic-1.png, as Export masks " +
      "writes them) goes to that area, another to the selected area",
  );
  load.addEventListener("click", () => files.click());
  const save = painterButton(
    "export-masks",
    "Export masks",
    "Save every painted area as a PNG in a new folder beside the notebook",
  );
  save.addEventListener("click", () => actions.exportMasks());
  const said = h("output", {
    class: "ks-painter-said",
    role: "status",
    "data-testid": "masks-said",
  });
  const element = h(
    "div",
    {
      class: "ks-painter-toolbar ks-painter-selectbar",
      role: "group",
      "aria-label": "Selection",
    },
    subject,
    h(
      "div",
      { class: "ks-painter-refine", role: "group", "aria-label": "Refine the selected area" },
      h("span", { class: "ks-painter-group" }, grow, shrink, feather),
      h("label", { class: "ks-painter-by" }, "by", amount, "px"),
      h("span", { class: "ks-painter-group" }, fill, invert),
    ),
    h("div", { class: "ks-painter-group", role: "group", "aria-label": "Mask files" }, load, save),
    files,
    said,
  );
  return {
    element,
    controls: [subject, ...refines, amount, load],
    exportButton: save,
    showSaid(text, error = false) {
      setText(said, text ?? "");
      said.classList.toggle("ks-painter-said-error", error);
    },
  };
}
