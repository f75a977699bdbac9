// The painter's controls: tools, overlay opacity, zoom, history; the current tool's options
// (`options.ts`); the selection actions (`selectbar.ts`); and one chip per area.
// It only reports what was clicked; the Painter decides and then tells it what to show (from its
// frame: the show* functions are its update functions).

import type { SelectionLimits } from "../../generated/contract";
import { h, setText } from "../dom";
import { place } from "../keyed";
import { painterButton } from "./buttons";
import { type OptionsActions, toolOptions } from "./options";
import { type SelectBarActions, selectBar } from "./selectbar";
import { type AreaState, PATH_TOOLS, type Tool } from "./types";

export interface ToolbarActions extends OptionsActions, SelectBarActions {
  selectTool(tool: Tool): void;
  setOpacity(opacity: number): void;
  zoom(direction: "in" | "out" | "fit"): void;
  undo(): void;
  redo(): void;
  clearAll(): void;
  selectArea(areaId: string): void;
  toggleArea(areaId: string): void;
  clearArea(areaId: string): void;
}

const TOOLS: readonly { tool: Tool; text: string; title: string; keys?: string }[] = [
  { tool: "brush", text: "Brush", title: "Paint the selected area ([ and ] change the size)" },
  { tool: "eraser", text: "Eraser", title: "Erase paint from the selected area" },
  {
    tool: "select",
    text: "Select",
    title:
      "Click a thing to select it into the selected area (S); Shift+click adds to it, " +
      "Alt+click removes from it, drag a box to select what is inside",
    keys: "S",
  },
  {
    tool: "colour",
    text: "Colour",
    title:
      "Click a colour to select its connected pixels within the tolerance (C); Shift+click " +
      "adds, Alt+click removes",
    keys: "C",
  },
  {
    tool: "regions",
    text: "Regions",
    title:
      "Brush over the picture to paint every region of like colour it touches, whole (R); " +
      "Alt+drag removes",
    keys: "R",
  },
  {
    tool: "lasso",
    text: "Lasso",
    title:
      "Click points around a thing; the edges between them snap to the picture (L). Close on " +
      "the first point, by double-click or Enter; Backspace takes a point back, Esc cancels",
    keys: "L",
  },
  { tool: "path-freehand", text: "Path: draw", title: "Drag to draw the selected area's path" },
  { tool: "path-click", text: "Path: click", title: "Click to add points to the path" },
  {
    tool: "pan",
    text: "Pan",
    title: "Drag to move the picture (or hold space, or drag with the middle button)",
  },
];

const EYE_OPEN = "M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5zm7 3a3 3 0 1 0 0-6 3 3 0 0 0 0 6z";
const EYE_SHUT =
  "M2 2l12 12M3.5 5.2C2 6.5 1 8 1 8s2.5 5 7 5c1.3 0 2.5-.4 3.5-1M6 3.3C6.6 3.1 7.3 3 8 3c4.5 0 7 5 7 5s-.6 1.2-1.8 2.5";

interface Chip {
  readonly root: HTMLElement;
  readonly select: HTMLButtonElement;
  readonly eye: HTMLButtonElement;
  readonly eyePath: SVGPathElement;
  readonly clear: HTMLButtonElement;
  /** Whether the area has paint: its × stays usable then, even with painting off. */
  painted: boolean;
}

/** A name for a button whose text is a symbol ("−" is read as "minus"). */
function named(element: HTMLButtonElement, name: string): HTMLButtonElement {
  element.setAttribute("aria-label", name);
  return element;
}

function eyeIcon(): { icon: SVGSVGElement; path: SVGPathElement } {
  const ns = "http://www.w3.org/2000/svg";
  const icon = document.createElementNS(ns, "svg");
  icon.setAttribute("viewBox", "0 0 16 16");
  icon.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(ns, "path");
  icon.append(path);
  return { icon, path };
}

export interface Toolbar {
  readonly element: HTMLElement;
  /** The tool in use. */
  showTool(tool: Tool): void;
  showRadius(radius: number, max: number): void;
  showHardness(hardness: number): void;
  showTolerance(tolerance: number): void;
  /** What the last mask export or load said, or null. */
  showSaid(text: string | null, error?: boolean): void;
  showOpacity(opacity: number): void;
  showHistory(canUndo: boolean, canRedo: boolean): void;
  /** Chips in the kernel's order; existing ones are updated in place so focus survives. */
  showAreas(areas: readonly AreaState[], selectedId: string | null): void;
  /** The model cannot use the motion brush: editing controls off, the reason shown. */
  showEnabled(enabled: boolean, reason: string): void;
}

/** A view the painter draws (its `show*` are update functions): it owns only its DOM. */
export function toolbar(actions: ToolbarActions, limits: SelectionLimits): Toolbar {
  const tools = new Map<Tool, HTMLButtonElement>();
  const chips = new Map<string, Chip>();
  /** What decides which controls are usable; every show* function updates part of it. */
  const state = {
    enabled: true,
    canUndo: false,
    canRedo: false,
    dynamicSelected: false,
    /** Some area has paint or a path: Clear all has something to clear. */
    anything: false,
  };
  const toolGroup = h("div", { class: "ks-painter-group", role: "group", "aria-label": "Tools" });
  for (const { tool, text, title, keys } of TOOLS) {
    const element = painterButton(`tool-${tool}`, text, title, () => actions.selectTool(tool));
    element.setAttribute("aria-pressed", "false");
    if (keys !== undefined) element.setAttribute("aria-keyshortcuts", keys);
    tools.set(tool, element);
    toolGroup.append(element);
  }
  const options = toolOptions(actions, limits);
  const selection = selectBar(actions, limits);
  const opacityInput = h("input", {
    type: "range",
    min: 0,
    max: 100,
    step: 1,
    "data-testid": "overlay-opacity",
  });
  opacityInput.addEventListener("input", () =>
    actions.setOpacity(Number(opacityInput.value) / 100),
  );
  const undoButton = painterButton("undo", "Undo", "Undo (Ctrl+Z)", () => actions.undo());
  const redoButton = painterButton("redo", "Redo", "Redo (Ctrl+Shift+Z or Ctrl+Y)", () =>
    actions.redo(),
  );
  const clearAllButton = painterButton(
    "clear-all",
    "Clear all",
    "Clear every area's paint and path",
    () => actions.clearAll(),
  );
  const chipsRow = h("div", { class: "ks-painter-areas", role: "group", "aria-label": "Areas" });
  const reasonText = h("div", { class: "ks-painter-reason", "data-testid": "painter-reason" });
  const element = h(
    "div",
    { class: "ks-painter-controls" },
    h(
      "div",
      { class: "ks-painter-toolbar" },
      toolGroup,
      h(
        "label",
        { class: "ks-painter-slider", title: "How strongly the paint covers the picture" },
        "Overlay",
        opacityInput,
      ),
      h(
        "div",
        { class: "ks-painter-group", role: "group", "aria-label": "Zoom" },
        named(
          painterButton("zoom-out", "−", "Zoom out (Ctrl+wheel)", () => actions.zoom("out")),
          "Zoom out",
        ),
        painterButton("zoom-fit", "Fit", "Show the whole picture", () => actions.zoom("fit")),
        named(
          painterButton("zoom-in", "+", "Zoom in (Ctrl+wheel)", () => actions.zoom("in")),
          "Zoom in",
        ),
      ),
      h(
        "div",
        { class: "ks-painter-group", role: "group", "aria-label": "History" },
        undoButton,
        redoButton,
        clearAllButton,
      ),
    ),
    options.element,
    selection.element,
    h("div", { class: "ks-painter-toolbar" }, chipsRow),
    reasonText,
  );

  /** Painting needs the brush; clearing is always possible while there is something to clear,
   * so paint the model cannot use is never a dead end. */
  function applyState(): void {
    const { enabled, canUndo, canRedo, dynamicSelected, anything } = state;
    for (const [tool, toolButton] of tools) {
      // Panning stays possible while editing is off; paths belong to dynamic areas only.
      toolButton.disabled =
        (tool !== "pan" && !enabled) || (PATH_TOOLS.includes(tool) && !dynamicSelected);
    }
    for (const control of [...options.controls, ...selection.controls]) control.disabled = !enabled;
    selection.exportButton.disabled = !anything;
    undoButton.disabled = !enabled || !canUndo;
    redoButton.disabled = !enabled || !canRedo;
    clearAllButton.disabled = !enabled && !anything;
    for (const chip of chips.values()) chip.clear.disabled = !enabled && !chip.painted;
  }

  function makeChip(areaId: string): Chip {
    const select = h("button", {
      type: "button",
      class: "ks-painter-area-name",
      "data-testid": `area-${areaId}`,
    });
    select.addEventListener("click", () => actions.selectArea(areaId));
    const { icon, path: eyePath } = eyeIcon();
    const eye = h(
      "button",
      { type: "button", class: "ks-painter-area-eye", "data-testid": `area-visible-${areaId}` },
      icon,
    );
    eye.addEventListener("click", () => actions.toggleArea(areaId));
    const clear = h(
      "button",
      { type: "button", class: "ks-painter-area-clear", "data-testid": `area-clear-${areaId}` },
      "×",
    );
    clear.addEventListener("click", () => actions.clearArea(areaId));
    const root = h(
      "span",
      { class: "ks-painter-area" },
      h("span", { class: "ks-painter-swatch" }),
      select,
      eye,
      clear,
    );
    const chip = { root, select, eye, eyePath, clear, painted: false };
    chips.set(areaId, chip);
    return chip;
  }

  return {
    element,
    showTool(tool) {
      for (const [name, toolButton] of tools)
        toolButton.setAttribute("aria-pressed", String(name === tool));
      options.showTool(tool);
    },
    showRadius: (radius, max) => options.showRadius(radius, max),
    showHardness: (hardness) => options.showHardness(hardness),
    showTolerance: (tolerance) => options.showTolerance(tolerance),
    showSaid: (text, error) => selection.showSaid(text, error),
    showOpacity(opacity) {
      opacityInput.value = String(Math.round(opacity * 100));
    },
    showHistory(canUndo, canRedo) {
      Object.assign(state, { canUndo, canRedo });
      applyState();
    },
    showAreas(areas, selectedId) {
      for (const id of chips.keys()) {
        if (!areas.some((area) => area.id === id)) chips.delete(id);
      }
      for (const area of areas) {
        const chip = chips.get(area.id) ?? makeChip(area.id);
        const selected = area.id === selectedId;
        chip.root.style.setProperty("--ks-area-colour", area.colour);
        chip.root.classList.toggle("ks-painter-area-selected", selected);
        chip.root.classList.toggle("ks-painter-area-painted", area.painted);
        chip.root.classList.toggle("ks-painter-area-hidden", !area.visible);
        setText(chip.select, area.label);
        chip.select.setAttribute("aria-pressed", String(selected));
        chip.eye.setAttribute("aria-pressed", String(area.visible));
        chip.eye.title = area.visible ? `Hide ${area.label}` : `Show ${area.label}`;
        chip.eye.setAttribute("aria-label", chip.eye.title);
        chip.eyePath.setAttribute("d", area.visible ? EYE_OPEN : EYE_SHUT);
        chip.clear.title = `Clear ${area.label}'s paint`;
        chip.clear.setAttribute("aria-label", `Clear ${area.label}'s paint`);
        chip.painted = area.painted;
      }
      // Moves only chips out of place: a moved button would lose the keyboard focus.
      place(
        chipsRow,
        areas.flatMap((area) => chips.get(area.id)?.root ?? []),
      );
      const selected = areas.find((area) => area.id === selectedId);
      state.dynamicSelected = selected?.kind === "dynamic";
      state.anything = areas.some((area) => area.painted || area.path.length > 0);
      applyState();
    },
    showEnabled(enabled, reason) {
      state.enabled = enabled;
      element.classList.toggle("ks-painter-disabled", !enabled);
      setText(reasonText, enabled ? "" : reason);
      applyState();
    },
  };
}
