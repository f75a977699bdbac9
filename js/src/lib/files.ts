// Where the Jupyter server serves a kernel's file from, if it does. JupyterLab and Notebook 7
// put their page config in `<script id="jupyter-config-data">`: `baseUrl`, and the directory the
// server serves as `serverRoot` (JupyterLab) or `rootUri` (a file: URI, from the language-server
// extension both ship with; Notebook 7 has only this one). A file under that root is at
// `<baseUrl>files/<path relative to the root>`, streamed with Range requests, so a video played
// from there starts before the whole file has arrived. VS Code and Colab have no such page
// config: there the answer is "nowhere", and the bytes travel instead.

/** What the page says about its Jupyter server. */
export interface ServerFiles {
  /** The server's URL path, ending in "/" ("/", "/user/ana/"). */
  baseUrl: string;
  /** The directory the server serves, as an absolute path with "/" separators. */
  serverRoot: string;
  /** The server serves hidden files and folders (".name") too. */
  hidden: boolean;
}

/** "file:///home/ana/work" → "/home/ana/work"; "file:///C:/work" → "C:/work"; else null. */
export function uriPath(uri: unknown): string | null {
  if (typeof uri !== "string" || !uri.startsWith("file://")) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    return null;
  }
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
}

/** The page's Jupyter server, or null when the page has none (or says too little). */
export function serverFiles(doc: Document = document): ServerFiles | null {
  const text = doc.getElementById("jupyter-config-data")?.textContent;
  if (!text) return null;
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return null;
  }
  const { baseUrl, serverRoot, rootUri, allow_hidden_files } = (config ?? {}) as Record<
    string,
    unknown
  >;
  const root = typeof serverRoot === "string" && serverRoot ? serverRoot : uriPath(rootUri);
  if (typeof baseUrl !== "string" || !root) return null;
  return {
    baseUrl: baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`,
    serverRoot: root,
    hidden: allow_hidden_files === true,
  };
}

/** Windows paths arrive with either separator and a drive letter in either case. */
function normal(path: string): { path: string; caseless: boolean } {
  const slashed = path.replaceAll("\\", "/").replace(/\/+$/, "");
  return { path: slashed, caseless: /^[A-Za-z]:/.test(slashed) };
}

/**
 * The URL the server serves the file at `path` (absolute, as the kernel saved it) from, or null
 * when the server will not: the path is outside its root, the root is written relative to a
 * home directory ("~/…", which the page cannot expand), or a folder or the file is hidden (the
 * server refuses hidden files unless told otherwise).
 */
export function fileUrl(path: string, files: ServerFiles | null): string | null {
  if (!files || files.serverRoot.startsWith("~")) return null;
  const root = normal(files.serverRoot);
  const file = normal(path);
  const prefix = `${root.path}/`;
  const under = file.caseless
    ? file.path.toLowerCase().startsWith(prefix.toLowerCase())
    : file.path.startsWith(prefix);
  if (!under) return null;
  const parts = file.path.slice(prefix.length).split("/");
  if (parts.some((part) => part === "" || part === ".." || part === ".")) return null;
  if (!files.hidden && parts.some((part) => part.startsWith("."))) return null;
  return `${files.baseUrl}files/${parts.map(encodeURIComponent).join("/")}`;
}
