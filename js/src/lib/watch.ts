// Subscriptions to an anywidget model's traits, by name: each view subscribes to exactly the
// traits it reads, so a trait that changes often (the Studio's `status`, twice a second during a
// run) wakes only the views that show it.

/** The part of an anywidget model a subscription needs; `get` carries the trait names. */
export interface Watchable {
  // biome-ignore lint/suspicious/noExplicitAny: only the parameter's type is read (TraitName)
  get(name: any): unknown;
  on(event: string, callback: () => void): void;
  off(event: string, callback: () => void): void;
}

/** The trait names a model's `get` accepts (the generated contract's keys). */
export type TraitName<M extends Watchable> = Parameters<M["get"]>[0] & string;

/** What a view shows from `reads`, redrawn by `run` whenever one of them changes. */
export interface Update<Name extends string> {
  readonly reads: readonly Name[];
  readonly run: () => void;
}

/** The backbone event list: `change:a change:b`. */
export function changeEvents(names: readonly string[]): string {
  return names.map((name) => `change:${name}`).join(" ");
}

/**
 * Calls `callback` after any of `names` changes (once per trait that changed). Returns the
 * function that stops it. An empty list subscribes to nothing.
 */
export function watch<M extends Watchable>(
  model: M,
  names: readonly TraitName<M>[],
  callback: () => void,
): () => void {
  if (names.length === 0) return () => undefined;
  const events = changeEvents(names);
  model.on(events, callback);
  return () => model.off(events, callback);
}
