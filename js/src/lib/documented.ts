// What the provider's own documentation says of the durations on offer, from the catalogue: the
// menu marks those its page for the route does not list. What the request carries beyond the
// page is said by the kernel's rules (a refusal, or the warning a lenient client gives), beside
// each control. No provider, model or duration list is written here.

import type { Catalogue, DocumentedRoute } from "../generated/contract";

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
