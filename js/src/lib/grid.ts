// Where each cell of a comparison goes: a rows × columns table with "name = value" headers, or a
// flat list when there are no axes. Pure, so the placement rules are tested without a DOM.

export interface GridAxis {
  readonly name: string;
  readonly values: readonly string[];
}

export interface GridAxes {
  readonly rows: GridAxis | null;
  readonly columns: GridAxis | null;
}

export interface Placed {
  readonly id: string;
  readonly row: number | null;
  readonly column: number | null;
}

export interface GridRow {
  /** "name = value", or null when only columns vary. */
  readonly header: string | null;
  /** One entry per column: the cell id there, or null for an empty slot. */
  readonly cells: readonly (string | null)[];
}

export interface GridLayout {
  /** "name = value" per column; empty when only rows vary or there are no axes. */
  readonly columns: readonly string[];
  readonly rows: readonly GridRow[];
  /** Cells with no place in the table (all of them when there are no axes), in order. */
  readonly loose: readonly string[];
}

export function axisLabel(axis: GridAxis, index: number): string {
  return `${axis.name} = ${axis.values[index] ?? "?"}`;
}

/** The slot index of a cell along one axis, or null when it has none there. */
function slot(axis: GridAxis | null, index: number | null): number | null {
  if (axis === null) return index === null || index === 0 ? 0 : null;
  if (index === null || !Number.isInteger(index)) return null;
  return index >= 0 && index < axis.values.length ? index : null;
}

export function gridLayout(axes: GridAxes, cells: readonly Placed[]): GridLayout {
  if (axes.rows === null && axes.columns === null) {
    return { columns: [], rows: [], loose: cells.map((cell) => cell.id) };
  }
  const { rows, columns } = axes;
  const width = columns?.values.length ?? 1;
  const height = rows?.values.length ?? 1;
  const table: (string | null)[][] = Array.from({ length: height }, () =>
    Array.from({ length: width }, () => null),
  );
  const loose: string[] = [];
  for (const cell of cells) {
    const r = slot(rows, cell.row);
    const c = slot(columns, cell.column);
    const line = r === null ? undefined : table[r];
    if (line === undefined || c === null || line[c] !== null) {
      loose.push(cell.id);
      continue;
    }
    line[c] = cell.id;
  }
  return {
    columns: columns ? columns.values.map((_, index) => axisLabel(columns, index)) : [],
    rows: table.map((line, index) => ({
      header: rows ? axisLabel(rows, index) : null,
      cells: line,
    })),
    loose,
  };
}

/** A key that changes only when the table's shape or a cell's place does (not its status). */
export function layoutKey(axes: GridAxes, cells: readonly Placed[]): string {
  return JSON.stringify([axes, cells.map((cell) => [cell.id, cell.row, cell.column])]);
}
