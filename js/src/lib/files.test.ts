// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { fileUrl, type ServerFiles, serverFiles, uriPath } from "./files";

const LAB: ServerFiles = { baseUrl: "/", serverRoot: "/home/ana/work", hidden: false };

function page(config: unknown): Document {
  const doc = document.implementation.createHTMLDocument("");
  const script = doc.createElement("script");
  script.id = "jupyter-config-data";
  script.type = "application/json";
  script.textContent = typeof config === "string" ? config : JSON.stringify(config);
  doc.body.append(script);
  return doc;
}

describe("serverFiles", () => {
  it("reads JupyterLab's base URL and server root", () => {
    const doc = page({ baseUrl: "/user/ana", serverRoot: "/home/ana", rootUri: "file:///x" });
    expect(serverFiles(doc)).toEqual({
      baseUrl: "/user/ana/",
      serverRoot: "/home/ana",
      hidden: false,
    });
  });

  it("falls back on the root URI where there is no server root (Notebook 7)", () => {
    const doc = page({ baseUrl: "/", rootUri: "file:///tmp/my%20notes", allow_hidden_files: true });
    expect(serverFiles(doc)).toEqual({ baseUrl: "/", serverRoot: "/tmp/my notes", hidden: true });
  });

  it("is null without a Jupyter page config (VS Code, Colab) or with a broken one", () => {
    expect(serverFiles(document.implementation.createHTMLDocument(""))).toBeNull();
    expect(serverFiles(page("{not json"))).toBeNull();
    expect(serverFiles(page({ baseUrl: "/" }))).toBeNull();
  });
});

describe("uriPath", () => {
  it("turns file URIs into paths, Windows drives included", () => {
    expect(uriPath("file:///home/ana")).toBe("/home/ana");
    expect(uriPath("file:///C:/Users/ana")).toBe("C:/Users/ana");
    expect(uriPath("https://example.com/")).toBeNull();
    expect(uriPath(undefined)).toBeNull();
  });
});

describe("fileUrl", () => {
  it("serves a file under the root from the files endpoint, each part encoded", () => {
    expect(fileUrl("/home/ana/work/kling output/a#1.mp4", LAB)).toBe(
      "/files/kling%20output/a%231.mp4",
    );
    expect(fileUrl("/home/ana/work/a.mp4", { ...LAB, baseUrl: "/user/ana/" })).toBe(
      "/user/ana/files/a.mp4",
    );
    expect(fileUrl("/srv/a.mp4", { ...LAB, serverRoot: "/" })).toBe("/files/srv/a.mp4");
  });

  it("gives no URL outside the root, for a look-alike folder, or without a server", () => {
    expect(fileUrl("/tmp/a.mp4", LAB)).toBeNull();
    expect(fileUrl("/home/ana/workshop/a.mp4", LAB)).toBeNull();
    expect(fileUrl("/home/ana/work/../a.mp4", LAB)).toBeNull();
    expect(fileUrl("/home/ana/work/a.mp4", null)).toBeNull();
    expect(fileUrl("/home/ana/work/a.mp4", { ...LAB, serverRoot: "~/work" })).toBeNull();
  });

  it("gives no URL for hidden folders unless the server serves them", () => {
    expect(fileUrl("/home/ana/work/.cache/a.mp4", LAB)).toBeNull();
    expect(fileUrl("/home/ana/work/.cache/a.mp4", { ...LAB, hidden: true })).toBe(
      "/files/.cache/a.mp4",
    );
  });

  it("matches Windows paths whatever their separators and drive case", () => {
    const windows = { ...LAB, serverRoot: "C:/Users/ana" };
    expect(fileUrl("c:\\Users\\ana\\out\\a.mp4", windows)).toBe("/files/out/a.mp4");
  });
});
