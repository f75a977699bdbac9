// The kernel↔browser contract's TypeScript, generated from the JSON Schema that
// src/kling_studio/widgets/contract.py prints (json-schema-to-typescript), into
// src/generated/contract.ts. The file is committed, so tsc and biome run without Python;
// `--check` regenerates it in memory and fails when the committed copy is stale.
//
//   node contract.mjs           write src/generated/contract.ts
//   node contract.mjs --check   exit 1 when it differs from what the Python side defines
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "..", "src", "kling_studio", "widgets", "contract.py");
export const target = join(here, "src", "generated", "contract.ts");

const BANNER = `// Generated from src/kling_studio/widgets/contract.py by js/contract.mjs: do not edit.
// Change the Python side, then run \`npm run contract\` (\`npm run contract:check\` fails while
// this file is stale).`;

/** Raised when no Python here can load the contract (no venv, no pydantic): nothing to check. */
export class NoPython extends Error {}

/**
 * The interpreter: $KLING_STUDIO_PYTHON, else the project's venv, else (only when `anyPython`)
 * python3. The build asks for the first two only: another Python's pydantic may write the
 * schema a little differently, which would read as a stale contract.
 */
function python(anyPython) {
  const venv = join(here, "..", ".venv", "bin", "python");
  if (process.env.KLING_STUDIO_PYTHON) return process.env.KLING_STUDIO_PYTHON;
  if (existsSync(venv)) return venv;
  if (!anyPython) throw new NoPython("no .venv and no $KLING_STUDIO_PYTHON");
  return "python3";
}

/** The contract's JSON Schema, from the module loaded by path (the package, whose widgets need
 * the bundle this build makes, is never imported). */
function schema(anyPython) {
  const run = "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')";
  try {
    const printed = execFileSync(python(anyPython), ["-c", run, source], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(printed);
  } catch (error) {
    const stderr = String(error.stderr ?? "");
    if (error.code === "ENOENT" || /No module named '(pydantic|typing_extensions)'/.test(stderr)) {
      throw new NoPython(`no Python with pydantic to read ${relative(here, source)}`);
    }
    process.stderr.write(stderr);
    throw error;
  }
}

/** json-schema-to-typescript reads draft-07 tuples (`items` as a list), not 2020-12's
 * `prefixItems`; RST's ``code`` reads as Markdown's `code` in the doc comments. */
function adapt(node) {
  if (Array.isArray(node)) return node.map(adapt);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "prefixItems") {
      out.items = adapt(value);
      out.additionalItems = false;
    } else if (key === "items" && "prefixItems" in node) {
      // superseded by prefixItems (pydantic writes both only for variadic tuples)
    } else if (key === "description" && typeof value === "string") {
      out.description = value.replaceAll("``", "`");
    } else {
      out[key] = adapt(value);
    }
  }
  return out;
}

const REFERENCED =
  / \* This (?:interface|type) was referenced by `Contract`'s JSON-Schema\n \* via the `definition` "\w+"\.\n/g;

export async function generate(anyPython = true) {
  const typescript = await compile(adapt(schema(anyPython)), "Contract", {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    style: { printWidth: 100 },
  });
  // The tool notes where each definition came from; with one schema that says nothing.
  return typescript
    .replace(REFERENCED, "")
    .replace(/\/\*\*\n \*\/\n/g, "")
    .replace(/ \*\n \*\//g, " */");
}

/** Whether the committed file matches the Python side (NoPython when none can tell). */
export async function isCurrent(anyPython = true) {
  const committed = existsSync(target) ? readFileSync(target, "utf8") : "";
  return committed === (await generate(anyPython));
}

export const STALE = `${relative(process.cwd(), target)} is stale: the kernel↔browser contract changed in src/kling_studio/widgets/contract.py; run \`npm run contract\` in js/ and commit the result`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    if (!(await isCurrent())) {
      console.error(STALE);
      process.exit(1);
    }
    console.log(`${relative(process.cwd(), target)} is up to date`);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await generate());
    console.log(`wrote ${relative(process.cwd(), target)}`);
  }
}
