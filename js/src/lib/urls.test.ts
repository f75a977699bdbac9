import { afterEach, describe, expect, it, vi } from "vitest";
import { ObjectUrls } from "./urls";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ObjectUrls", () => {
  it("gives one URL per key and revokes the one it replaces", () => {
    const revoked = vi.spyOn(URL, "revokeObjectURL");
    const urls = new ObjectUrls();
    const first = urls.set("video", new Blob(["a"]));
    const second = urls.set("video", new Blob(["b"]));
    expect(second).not.toBe(first);
    expect(urls.get("video")).toBe(second);
    expect(revoked.mock.calls).toEqual([[first]]);
  });

  it("revokes every URL it still holds on destroy", () => {
    const revoked = vi.spyOn(URL, "revokeObjectURL");
    const urls = new ObjectUrls();
    const kept = [urls.set("a", new Blob(["a"])), urls.set("b", new Blob(["b"]))];
    urls.destroy();
    expect(revoked.mock.calls.map(([url]) => url).sort()).toEqual(kept.sort());
    expect(urls.get("a")).toBeUndefined();
  });
});
