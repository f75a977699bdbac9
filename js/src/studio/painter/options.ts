// The painter's tool-options row: only the current tool's options show — size and hardness for
// the round-brush tools (Brush, Eraser, Regions), tolerance for Colour — and, for the tools
// clicked rather than dragged, a line saying how to use them. A factory: it owns only its DOM
// and reports what was changed; the painter tells it what to show.

import type { SelectionLimits } from "../../generated/contract";
import { h, setHidden, setText } from "../dom";
import { BRUSH_TOOLS, type Tool } from "./types";

export interface OptionsActions {
  setRadius(radius: number): void;
  setHardness(hardness: number): void;
  setTolerance(tolerance: number): void;
}

/** How each clicked tool is used, said beside its options. */
const HINTS: Partial<Record<Tool, string>> = {
  select: "Click a thing, or drag a box round it. Shift adds, Alt removes.",
  colour: "Click a colour: its connected pixels within the tolerance. Shift adds, Alt removes.",
  regions: "Brush over regions to paint them whole. Alt removes.",
  lasso:
    "Click points round a thing; click the first, double-click or press Enter to close. " +
    "Backspace takes a point back, Esc cancels.",
};

export interface ToolOptions {
  readonly element: HTMLElement;
  readonly controls: readonly HTMLInputElement[];
  showTool(tool: Tool): void;
  showRadius(radius: number, max: number): void;
  showHardness(hardness: number): void;
  showTolerance(tolerance: number): void;
}

function slider(
  testid: string,
  label: string,
  title: string,
  range: { min: number; max: number; step: number },
  onInput: (value: number) => void,
): { root: HTMLElement; input: HTMLInputElement; value: HTMLOutputElement } {
  const input = h("input", { type: "range", ...range, "data-testid": testid });
  const value = h("output", { class: "ks-painter-value" });
  input.addEventListener("input", () => onInput(Number(input.value)));
  const root = h("label", { class: "ks-painter-slider", title }, label, input, value);
  return { root, input, value };
}

export function toolOptions(actions: OptionsActions, limits: SelectionLimits): ToolOptions {
  const size = slider(
    "brush-size",
    "Size",
    "Brush radius in image pixels ([ and ] change it)",
    { min: 1, max: 100, step: 1 },
    (radius) => actions.setRadius(radius),
  );
  const hardness = slider(
    "brush-hardness",
    "Hardness",
    "How sharp the brush's edge is: 100 % paints a hard disc, less fades it out towards the rim",
    { min: 0, max: 100, step: 5 },
    (percent) => actions.setHardness(percent / 100),
  );
  const tolerance = slider(
    "colour-tolerance",
    "Tolerance",
    "How different a colour may be from the clicked one and still be taken (ΔE: 0 takes only " +
      "the clicked colour)",
    { min: 0, max: limits.tolerance_max, step: 1 },
    (value) => actions.setTolerance(value),
  );
  const hint = h("span", { class: "ks-painter-hint", "data-testid": "tool-hint" });
  const element = h(
    "div",
    {
      class: "ks-painter-toolbar ks-painter-options",
      role: "group",
      "aria-label": "Tool options",
      "data-testid": "tool-options",
    },
    size.root,
    hardness.root,
    tolerance.root,
    hint,
  );
  return {
    element,
    controls: [size.input, hardness.input, tolerance.input],
    showTool(tool) {
      const brush = BRUSH_TOOLS.includes(tool);
      setHidden(size.root, !brush);
      setHidden(hardness.root, !brush);
      setHidden(tolerance.root, tool !== "colour");
      setText(hint, HINTS[tool] ?? "");
    },
    showRadius(radius, max) {
      size.input.max = String(max);
      size.input.value = String(radius);
      size.value.value = `${radius} px`;
    },
    showHardness(value) {
      const percent = Math.round(value * 100);
      hardness.input.value = String(percent);
      hardness.value.value = `${percent} %`;
    },
    showTolerance(value) {
      tolerance.input.value = String(value);
      tolerance.value.value = String(Math.round(value));
    },
  };
}
