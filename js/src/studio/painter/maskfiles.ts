// Which area each loaded mask file goes to (pure): a file named after an area — `dynamic-1.png`,
// as Export masks writes them — goes to that area; one file named otherwise goes to the selected
// area; several such files cannot be placed, and the person is asked to name them.

export interface MaskFile {
  readonly name: string;
}

export type Placement<F extends MaskFile> =
  | { readonly ok: true; readonly files: readonly { readonly file: F; readonly area: string }[] }
  | { readonly ok: false; readonly text: string };

/** The area a file's name names ("Dynamic-1.PNG" → "dynamic-1"), or null. */
export function areaNamed(fileName: string, areaIds: readonly string[]): string | null {
  const stem = fileName.replace(/\.[^.]*$/, "").toLowerCase();
  return areaIds.find((id) => id.toLowerCase() === stem) ?? null;
}

export function placeMaskFiles<F extends MaskFile>(
  files: readonly F[],
  areaIds: readonly string[],
  selected: string | null,
): Placement<F> {
  const named = files.map((file) => ({ file, area: areaNamed(file.name, areaIds) }));
  const unnamed = named.filter(({ area }) => area === null).map(({ file }) => file.name);
  if (unnamed.length > 1) {
    return {
      ok: false,
      text:
        `Name each mask file after its area (e.g. ${areaIds[1] ?? areaIds[0] ?? "dynamic-1"}.png) ` +
        `to load several at once: ${unnamed.join(", ")} do not name an area.`,
    };
  }
  if (unnamed.length === 1 && selected === null) {
    return { ok: false, text: `Select an area for ${unnamed[0]}, or name it after one.` };
  }
  const placed = named.map(({ file, area }) => ({ file, area: area ?? (selected as string) }));
  const seen = new Map<string, string>();
  for (const { file, area } of placed) {
    const earlier = seen.get(area);
    if (earlier !== undefined) {
      return { ok: false, text: `${earlier} and ${file.name} both go to ${area}: load one.` };
    }
    seen.set(area, file.name);
  }
  return { ok: true, files: placed };
}
