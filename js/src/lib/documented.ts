// What the provider's own documentation says of the request being made, from the catalogue:
// the durations its page for the route does not list, and the request fields it does not
// document that the request would carry. A client that is not strict sends them as they are;
// the form says so beside each. No provider, model or field list is written here.

import type { Catalogue, DocumentedRoute, Params } from "../generated/contract";

function page(catalogue: Catalogue, route: string): DocumentedRoute | undefined {
  return catalogue.documented[route];
}

/** Whether the provider's page for `route` lists `duration` (a page listing none lists all). */
export function durationDocumented(catalogue: Catalogue, route: string, duration: string): boolean {
  const listed = page(catalogue, route)?.durations;
  return listed === null || listed === undefined || listed.includes(duration);
}

/** A duration as the menu offers it: "5 s", or "7 s — not documented on CometAPI". */
export function durationLabel(catalogue: Catalogue, route: string, duration: string): string {
  const seconds = `${duration} s`;
  return durationDocumented(catalogue, route, duration)
    ? seconds
    : `${seconds} — not documented on ${catalogue.provider}`;
}

/** The note beside a control whose field the provider does not document, when it is sent. */
export function undocumentedNote(catalogue: Catalogue): string {
  return `not documented on ${catalogue.provider} — sent as is`;
}

/** Whether the request carries a field as the form has it (the kernel's `state.py` decides the
 * same: sound only "on", the shots only while multi-shot is on, `multi_prompt` with customize). */
const SENT: Partial<Record<keyof Params, (params: Params) => boolean>> = {
  sound: (p) => p.sound === "on",
  multi_shot: (p) => p.multi_shot === true,
  shot_type: (p) => p.multi_shot === true,
  multi_prompt: (p) =>
    p.multi_shot === true &&
    (p.shot_type ?? "customize") === "customize" &&
    (p.multi_prompt ?? []).length > 0,
  cfg_scale: (p) => typeof p.cfg_scale === "number",
  watermark_info: (p) => p.watermark_info?.enabled === true,
};

function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== undefined && value !== "" && value !== false;
}

export function sent(params: Params, field: string): boolean {
  const rule = SENT[field as keyof Params];
  return rule ? rule(params) : isSet(params[field as keyof Params]);
}

/** The fields the provider's page for `route` does not document that the request carries. */
export function undocumentedSent(catalogue: Catalogue, route: string, params: Params): string[] {
  return (page(catalogue, route)?.undocumented ?? []).filter((field) => sent(params, field));
}
