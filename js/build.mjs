// Bundles each widget entry (src/widgets/<name>.ts) into one self-contained ESM file in the
// Python package's static/ folder, which anywidget loads; anywidget has no code splitting.
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const widgets = join(here, "src", "widgets");
const outdir = join(here, "..", "src", "kling_studio", "static");
const entries = readdirSync(widgets, { withFileTypes: true })
  .filter(
    (entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"),
  )
  .map((entry) => join(widgets, entry.name));

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
