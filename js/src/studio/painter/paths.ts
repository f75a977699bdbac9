// Trajectories drawn over the picture: an SVG whose viewBox is the image's natural size, so path
// points are image pixels as they are. Each path is a smooth line through its points with an
// arrowhead at its end and ticks across it at equal steps of time (lib/pathmeasure.ts: crowded
// where the motion is slow); the editable one shows a few handles (lib/handles.ts), or every
// point while "Edit points" is on. Line widths, tick and handle sizes are divided by the display
// scale to look the same at every zoom.

import { smoothPathData } from "../../lib/curve";
import { distance, type Point } from "../../lib/geometry";
import { timeTicks } from "../../lib/pathmeasure";
import type { AreaState } from "./types";

const SVG = "http://www.w3.org/2000/svg";
const LINE_PX = 2.5;
const HANDLE_PX = 5;
/** Half a tick's length across the path, in screen pixels. */
const TICK_PX = 5;
/** How close (in screen pixels) a press must be to a point to grab it. */
export const GRAB_PX = 10;

let overlaysMade = 0;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Index of the point within `reach` of `at` (the nearest), or -1; only the points listed in
 * `among` (the handles shown) when given. */
export function nearestPoint(
  path: readonly Point[],
  at: Point,
  reach: number,
  among?: readonly number[],
): number {
  let best = -1;
  let bestDistance = reach;
  for (const index of among ?? path.keys()) {
    const point = path[index];
    if (point === undefined) continue;
    const gap = distance(point, at);
    if (gap <= bestDistance) {
      best = index;
      bestDistance = gap;
    }
  }
  return best;
}

export interface PathOverlay {
  readonly element: SVGSVGElement;
  setSize(width: number, height: number): void;
  setScale(scale: number): void;
  /** Draws every visible dynamic area's path; the editable area also gets the handles listed. */
  render(areas: readonly AreaState[], editing: AreaState | null, handles: readonly number[]): void;
  /** Redraws one path while it is being drawn or dragged (cheap: two attributes). */
  show(areaId: string, path: readonly Point[]): void;
  /** The handles (indices into `path`) of the area being edited; none for null. */
  showHandles(area: AreaState | null, path: readonly Point[], handles: readonly number[]): void;
}

function arrowhead(id: string, colour: string): SVGMarkerElement {
  const marker = svg("marker", {
    id,
    viewBox: "0 0 10 10",
    refX: 6,
    refY: 5,
    markerWidth: 5,
    markerHeight: 5,
    orient: "auto",
  });
  marker.append(
    svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour, stroke: "white", "stroke-width": 1 }),
  );
  return marker;
}

/** Where the motion begins, so direction reads at a glance even without handles. */
function startDot(id: string, colour: string): SVGMarkerElement {
  const marker = svg("marker", {
    id,
    viewBox: "0 0 10 10",
    refX: 5,
    refY: 5,
    markerWidth: 4,
    markerHeight: 4,
  });
  marker.append(
    svg("circle", { cx: 5, cy: 5, r: 4, fill: colour, stroke: "white", "stroke-width": 1.5 }),
  );
  return marker;
}

/** The ticks' `d`: a short bar across the path at each inner tick (the ends have the start dot
 * and the arrowhead), `half` image pixels each side. */
function tickData(path: readonly Point[], half: number): string {
  return timeTicks(path)
    .slice(1, -1)
    .map(({ x, y, dx, dy }) => {
      const [nx, ny] = [-dy * half, dx * half];
      return `M${(x - nx).toFixed(1)},${(y - ny).toFixed(1)}L${(x + nx).toFixed(1)},${(y + ny).toFixed(1)}`;
    })
    .join("");
}

/** A view the painter draws from its frame: it owns only its SVG. */
export function pathOverlay(): PathOverlay {
  overlaysMade += 1;
  /** Marker ids must be unique in the page, and a notebook can show the widget twice. */
  const prefix = `ks-painter-${overlaysMade}`;
  const element = svg("svg", { class: "ks-painter-paths", "aria-hidden": "true" });
  const defs = svg("defs", {});
  const paths = svg("g", {});
  const handles = svg("g", { class: "ks-painter-handles" });
  element.append(defs, paths, handles);
  let scale = 1;
  let lines = new Map<string, SVGPathElement>();
  /** Each drawn path's ticks (shadow, then bar) and the points they were made from. */
  let ticks = new Map<
    string,
    { shadow: SVGPathElement; bar: SVGPathElement; path: readonly Point[] }
  >();

  function showTicks(areaId: string): void {
    const drawn = ticks.get(areaId);
    if (drawn === undefined) return;
    const d = tickData(drawn.path, TICK_PX / scale);
    drawn.shadow.setAttribute("d", d);
    drawn.bar.setAttribute("d", d);
  }

  function show(areaId: string, path: readonly Point[]): void {
    const line = lines.get(areaId);
    if (line === undefined) return;
    const d = smoothPathData(path);
    line.setAttribute("d", d);
    line.previousElementSibling?.setAttribute("d", d);
    const drawn = ticks.get(areaId);
    if (drawn !== undefined) {
      drawn.path = path;
      showTicks(areaId);
    }
  }

  function showHandles(
    area: AreaState | null,
    path: readonly Point[],
    shown: readonly number[],
  ): void {
    handles.replaceChildren();
    handles.dataset.count = String(area === null ? 0 : shown.length);
    if (area === null) return;
    for (const index of shown) {
      const point = path[index];
      if (point === undefined) continue;
      const end =
        index === 0
          ? " ks-painter-handle-start"
          : index === path.length - 1
            ? " ks-painter-handle-end"
            : "";
      handles.append(
        svg("circle", {
          class: `ks-painter-handle${end}`,
          cx: point.x,
          cy: point.y,
          r: HANDLE_PX / scale,
          fill: area.colour,
        }),
      );
    }
  }

  return {
    element,
    setSize(width, height) {
      element.setAttribute("viewBox", `0 0 ${width} ${height}`);
      element.setAttribute("preserveAspectRatio", "none");
    },
    setScale(next) {
      scale = next;
      // Line widths derive from this in CSS; the arrowheads (sized in stroke widths) follow them.
      element.style.setProperty("--ks-line", `${LINE_PX / scale}px`);
      for (const handle of handles.children) handle.setAttribute("r", String(HANDLE_PX / scale));
      for (const areaId of ticks.keys()) showTicks(areaId);
    },
    render(areas, editing, shown) {
      defs.replaceChildren();
      paths.replaceChildren();
      lines = new Map();
      ticks = new Map();
      for (const area of areas) {
        if (area.kind !== "dynamic" || !area.visible) continue;
        const arrow = `${prefix}-${area.id}-end`;
        const dot = `${prefix}-${area.id}-start`;
        defs.append(arrowhead(arrow, area.colour), startDot(dot, area.colour));
        const shadow = svg("path", { class: "ks-painter-path-shadow" });
        const line = svg("path", {
          class: "ks-painter-path",
          stroke: area.colour,
          "marker-start": `url(#${dot})`,
          "marker-end": `url(#${arrow})`,
        });
        const tickShadow = svg("path", { class: "ks-painter-tick-shadow" });
        const tickBar = svg("path", { class: "ks-painter-tick", "data-testid": "path-ticks" });
        const group = svg("g", { "data-area": area.id });
        group.append(shadow, line, tickShadow, tickBar);
        paths.append(group);
        lines.set(area.id, line);
        ticks.set(area.id, { shadow: tickShadow, bar: tickBar, path: area.path });
        show(area.id, area.path);
      }
      showHandles(editing, editing?.path ?? [], shown);
    },
    show,
    showHandles,
  };
}
