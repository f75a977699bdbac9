// A choice list never shows blank: a value set from Python (or kept from another model) that the
// list does not offer is added to it, so the form shows what will be sent and a problem says why.

/** `offered`, with `current` added at the end when it is set and not among them. */
export function withCurrent(offered: readonly string[], current: string | null | undefined) {
  return current && !offered.includes(current) ? [...offered, current] : [...offered];
}

/** The value a choice shows: the current one when set (not empty), else the first offered. */
export function shown(current: string | null | undefined, offered: readonly string[]): string {
  return current || offered[0] || "";
}
