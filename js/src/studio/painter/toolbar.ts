// The painter's controls: tools, brush size, overlay opacity, zoom, history, and one chip per area.
// It only reports what was clicked; the Painter decides and then tells it what to show.

import { h } from "../dom";
import { type AreaState, PATH_TOOLS, type Tool } from "./types";

export interface ToolbarActions {
  selectTool(tool: Tool): void;
  setRadius(radius: number): void;
  setOpacity(opacity: number): void;
  zoom(direction: "in" | "out" | "fit"): void;
  undo(): void;
  redo(): void;
  clearAll(): void;
  selectArea(areaId: string): void;
  toggleArea(areaId: string): void;
  clearArea(areaId: string): void;
  clearPath(): void;
}

const TOOLS: readonly { tool: Tool; text: string; title: string }[] = [
  { tool: "brush", text: "Brush", title: "Paint the selected area ([ and ] change the size)" },
  { tool: "eraser", text: "Eraser", title: "Erase paint from the selected area" },
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
}

function button(
  testid: string,
  text: string,
  title: string,
  onClick: () => void,
): HTMLButtonElement {
  const element = h(
    "button",
    { type: "button", class: "ks-painter-button", "data-testid": testid, title },
    text,
  );
  element.addEventListener("click", onClick);
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

export class Toolbar {
  readonly element: HTMLElement;
  private readonly tools = new Map<Tool, HTMLButtonElement>();
  private readonly radius: HTMLInputElement;
  private readonly radiusText: HTMLOutputElement;
  private readonly opacity: HTMLInputElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly clearAllButton: HTMLButtonElement;
  private readonly pathClear: HTMLButtonElement;
  private readonly chipsRow: HTMLElement;
  private readonly chips = new Map<string, Chip>();
  private readonly reason: HTMLElement;
  /** What decides which controls are usable; every show* method updates part of it. */
  private readonly state = {
    enabled: true,
    canUndo: false,
    canRedo: false,
    dynamicSelected: false,
    hasPath: false,
  };

  constructor(private readonly actions: ToolbarActions) {
    const toolGroup = h("div", { class: "ks-painter-group", role: "group", "aria-label": "Tools" });
    for (const { tool, text, title } of TOOLS) {
      const element = button(`tool-${tool}`, text, title, () => actions.selectTool(tool));
      element.setAttribute("aria-pressed", "false");
      this.tools.set(tool, element);
      toolGroup.append(element);
    }
    this.radius = h("input", {
      type: "range",
      min: 1,
      max: 100,
      step: 1,
      "data-testid": "brush-size",
    });
    this.radiusText = h("output", { class: "ks-painter-value" });
    this.radius.addEventListener("input", () => actions.setRadius(Number(this.radius.value)));
    this.opacity = h("input", {
      type: "range",
      min: 0,
      max: 100,
      step: 1,
      "data-testid": "overlay-opacity",
    });
    this.opacity.addEventListener("input", () =>
      actions.setOpacity(Number(this.opacity.value) / 100),
    );
    this.undoButton = button("undo", "Undo", "Undo (Ctrl+Z)", () => actions.undo());
    this.redoButton = button("redo", "Redo", "Redo (Ctrl+Shift+Z or Ctrl+Y)", () => actions.redo());
    this.clearAllButton = button(
      "clear-all",
      "Clear all",
      "Clear every area's paint and path",
      () => actions.clearAll(),
    );
    this.pathClear = button("path-clear", "Clear path", "Remove the selected area's path", () =>
      actions.clearPath(),
    );
    this.chipsRow = h("div", { class: "ks-painter-areas", role: "group", "aria-label": "Areas" });
    this.reason = h("div", { class: "ks-painter-reason", "data-testid": "painter-reason" });
    this.element = h(
      "div",
      { class: "ks-painter-controls" },
      h(
        "div",
        { class: "ks-painter-toolbar" },
        toolGroup,
        h(
          "label",
          { class: "ks-painter-slider", title: "Brush radius in image pixels" },
          "Size",
          this.radius,
          this.radiusText,
        ),
        h(
          "label",
          { class: "ks-painter-slider", title: "How strongly the paint covers the picture" },
          "Overlay",
          this.opacity,
        ),
        h(
          "div",
          { class: "ks-painter-group", role: "group", "aria-label": "Zoom" },
          button("zoom-out", "−", "Zoom out (Ctrl+wheel)", () => actions.zoom("out")),
          button("zoom-fit", "Fit", "Show the whole picture", () => actions.zoom("fit")),
          button("zoom-in", "+", "Zoom in (Ctrl+wheel)", () => actions.zoom("in")),
        ),
        h(
          "div",
          { class: "ks-painter-group", role: "group", "aria-label": "History" },
          this.undoButton,
          this.redoButton,
          this.clearAllButton,
        ),
      ),
      h("div", { class: "ks-painter-toolbar" }, this.chipsRow, this.pathClear),
      this.reason,
    );
  }

  showTool(tool: Tool): void {
    for (const [name, element] of this.tools)
      element.setAttribute("aria-pressed", String(name === tool));
  }

  showRadius(radius: number, max: number): void {
    this.radius.max = String(max);
    this.radius.value = String(radius);
    this.radiusText.value = `${radius} px`;
  }

  showOpacity(opacity: number): void {
    this.opacity.value = String(Math.round(opacity * 100));
  }

  showHistory(canUndo: boolean, canRedo: boolean): void {
    Object.assign(this.state, { canUndo, canRedo });
    this.applyState();
  }

  /** Chips in the kernel's order; existing ones are updated in place so focus survives. */
  showAreas(areas: readonly AreaState[], selectedId: string | null): void {
    for (const [id, chip] of this.chips) {
      if (!areas.some((area) => area.id === id)) {
        chip.root.remove();
        this.chips.delete(id);
      }
    }
    for (const area of areas) {
      const chip = this.chips.get(area.id) ?? this.makeChip(area.id);
      const selected = area.id === selectedId;
      chip.root.style.setProperty("--ks-area-colour", area.colour);
      chip.root.classList.toggle("ks-painter-area-selected", selected);
      chip.root.classList.toggle("ks-painter-area-painted", area.painted);
      chip.root.classList.toggle("ks-painter-area-hidden", !area.visible);
      chip.select.textContent = area.label;
      chip.select.setAttribute("aria-pressed", String(selected));
      chip.eye.setAttribute("aria-pressed", String(area.visible));
      chip.eye.title = area.visible ? `Hide ${area.label}` : `Show ${area.label}`;
      chip.eyePath.setAttribute("d", area.visible ? EYE_OPEN : EYE_SHUT);
      chip.clear.title = `Clear ${area.label}'s paint`;
      this.chipsRow.append(chip.root);
    }
    const selected = areas.find((area) => area.id === selectedId);
    this.state.dynamicSelected = selected?.kind === "dynamic";
    this.state.hasPath = (selected?.path.length ?? 0) > 0;
    this.applyState();
  }

  /** The model cannot use the motion brush: editing controls off, the reason shown. */
  showEnabled(enabled: boolean, reason: string): void {
    this.state.enabled = enabled;
    this.element.classList.toggle("ks-painter-disabled", !enabled);
    this.reason.textContent = enabled ? "" : reason;
    this.applyState();
  }

  private applyState(): void {
    const { enabled, canUndo, canRedo, dynamicSelected, hasPath } = this.state;
    for (const [tool, element] of this.tools) {
      // Panning stays possible while editing is off; paths belong to dynamic areas only.
      element.disabled =
        (tool !== "pan" && !enabled) || (PATH_TOOLS.includes(tool) && !dynamicSelected);
    }
    this.radius.disabled = !enabled;
    this.undoButton.disabled = !enabled || !canUndo;
    this.redoButton.disabled = !enabled || !canRedo;
    this.clearAllButton.disabled = !enabled;
    this.pathClear.disabled = !enabled || !dynamicSelected || !hasPath;
    for (const chip of this.chips.values()) chip.clear.disabled = !enabled;
  }

  private makeChip(areaId: string): Chip {
    const select = h("button", {
      type: "button",
      class: "ks-painter-area-name",
      "data-testid": `area-${areaId}`,
    });
    select.addEventListener("click", () => this.actions.selectArea(areaId));
    const { icon, path: eyePath } = eyeIcon();
    const eye = h(
      "button",
      { type: "button", class: "ks-painter-area-eye", "data-testid": `area-visible-${areaId}` },
      icon,
    );
    eye.addEventListener("click", () => this.actions.toggleArea(areaId));
    const clear = h(
      "button",
      { type: "button", class: "ks-painter-area-clear", "data-testid": `area-clear-${areaId}` },
      "×",
    );
    clear.addEventListener("click", () => this.actions.clearArea(areaId));
    const root = h(
      "span",
      { class: "ks-painter-area" },
      h("span", { class: "ks-painter-swatch" }),
      select,
      eye,
      clear,
    );
    const chip = { root, select, eye, eyePath, clear };
    this.chips.set(areaId, chip);
    return chip;
  }
}
