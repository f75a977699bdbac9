// A soft brush's dab (pure): full paint within hardness × radius of the centre, then falling
// smoothly (smoothstep) to nothing at the radius — the kernel's `refine.brush_stamp`. The layer
// draws it as a radial gradient through these stops; the kernel still binarises the mask at its
// threshold, so hardness shapes where the edge lands as much as how it looks.

/** Gradient stops between the solid core and the rim (enough for a smooth falloff). */
export const FALLOFF_STOPS = 6;

/** The dab's opacity (0–1) at `distance` from its centre. */
export function stampAlpha(distance: number, radius: number, hardness: number): number {
  const solid = hardness * radius;
  const fade = Math.max(radius - solid, 1);
  const t = Math.min(1, Math.max(0, (radius - distance) / fade));
  return t * t * (3 - 2 * t);
}

/** Stops for a radial gradient from the centre (0) to the radius (1): [offset, opacity]. */
export function falloffStops(radius: number, hardness: number): [number, number][] {
  const solid = Math.min(1, Math.max(0, 1 - Math.max(radius - hardness * radius, 1) / radius));
  const stops: [number, number][] = [[0, stampAlpha(0, radius, hardness)]];
  for (let i = 0; i <= FALLOFF_STOPS; i += 1) {
    const offset = solid + ((1 - solid) * i) / FALLOFF_STOPS;
    if (offset > 0) stops.push([offset, stampAlpha(offset * radius, radius, hardness)]);
  }
  return stops;
}

/** A hard brush (1) is drawn as plain discs, the fast way. */
export function isHard(hardness: number): boolean {
  return hardness >= 1;
}
