// Bundles each widget entry (src/widgets/<name>.ts) into one self-contained ESM file in the
// Python package's static/ folder, which anywidget loads; anywidget has no code splitting.
// First it checks that src/generated/contract.ts still matches the Python side (contract.mjs):
// a stale contract fails the build. Without the project's Python (.venv, or $KLING_STUDIO_PYTHON)
// — a wheel built from a clean clone — the committed file is used as it is, and the build says so.
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { isCurrent, NoPython, STALE } from "./contract.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const widgets = join(here, "src", "widgets");
const outdir = join(here, "..", "src", "kling_studio", "static");
const entries = readdirSync(widgets, { withFileTypes: true })
  .filter(
    (entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"),
  )
  .map((entry) => join(widgets, entry.name));

try {
  if (!(await isCurrent(false))) {
    console.error(STALE);
    process.exit(1);
  }
} catch (error) {
  if (!(error instanceof NoPython)) throw error;
  console.warn(`contract not checked (${error.message}): using the committed types`);
}

mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: entries,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: process.env.NODE_ENV !== "development",
  sourcemap: process.env.NODE_ENV === "development" ? "inline" : false,
  outdir,
  logLevel: "info",
});
console.log(`built ${entries.length} widget bundle(s) into ${outdir}`);
