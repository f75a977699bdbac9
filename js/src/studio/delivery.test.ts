// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { ReplyError, StudioReplies, StudioToKernel } from "../generated/contract";
import { ObjectUrls } from "../lib/urls";
import { VideoDelivery } from "./delivery";
import type { StudioAsk } from "./requests";

type Handler = (content: unknown, buffers: DataView[]) => void;

class FakeModel {
  readonly handlers = new Set<Handler>();
  on(_event: string, callback: (...args: never[]) => void): void {
    this.handlers.add(callback as unknown as Handler);
  }
  off(_event: string, callback: (...args: never[]) => void): void {
    this.handlers.delete(callback as unknown as Handler);
  }
  receive(content: unknown, buffers: DataView[] = []): void {
    for (const handler of this.handlers) handler(content, buffers);
  }
}

const FILES = { baseUrl: "/", serverRoot: "/work", hidden: false };
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function delivery(reply: StudioReplies["video-bytes"] = { ok: true }) {
  const model = new FakeModel();
  const asked: StudioToKernel[] = [];
  const ask = ((msg: StudioToKernel) => {
    asked.push(msg);
    return Promise.resolve(reply);
  }) as unknown as StudioAsk;
  const shown: [string, string, string, boolean][] = [];
  const refusals: (ReplyError | null)[] = [];
  const player = {
    show: (run: string, url: string, path: string, fromServer: boolean) =>
      shown.push([run, url, path, fromServer]),
    refused: (error: ReplyError | null) => refusals.push(error),
  };
  const urls = new ObjectUrls();
  const video = new VideoDelivery(model, ask, player, urls, FILES);
  return { model, asked, shown, refusals, urls, video };
}

describe("VideoDelivery", () => {
  it("plays a video under the server's root from its file URL, asking for no bytes", () => {
    const { model, asked, shown } = delivery();
    model.receive({ type: "media", slot: "video", run: "r1", path: "/work/out/r1.mp4", size: 9 });
    expect(shown).toEqual([["r1", "/files/out/r1.mp4", "/work/out/r1.mp4", true]]);
    expect(asked).toEqual([]);
  });

  it("asks for the bytes of a video outside the root and plays them from a blob", async () => {
    const { model, asked, shown, urls } = delivery();
    model.receive({ type: "media", slot: "video", run: "r2", path: "/tmp/r2.mp4", size: 2 });
    await settled();
    expect(asked).toEqual([{ type: "video-bytes", run: "r2" }]);
    expect(shown).toEqual([]);
    const bytes = new DataView(new Uint8Array([1, 2]).buffer);
    model.receive({ type: "media", slot: "video", run: "r2", path: "/tmp/r2.mp4" }, [bytes]);
    expect(shown).toEqual([["r2", urls.get("video"), "/tmp/r2.mp4", false]]);
  });

  it("shows bytes only for the video announced last", () => {
    const { model, shown } = delivery();
    model.receive({ type: "media", slot: "video", run: "new", path: "/work/new.mp4", size: 1 });
    const bytes = new DataView(new Uint8Array([1]).buffer);
    model.receive({ type: "media", slot: "video", run: "old", path: "/tmp/old.mp4" }, [bytes]);
    expect(shown.map(([run]) => run)).toEqual(["new"]);
  });

  it("says why when the kernel cannot send the bytes, and stops listening when destroyed", async () => {
    const error = { field: "video", rule: "must be readable", value: null, text: "gone" };
    const { model, refusals, video, asked } = delivery({ ok: false, error });
    video.fetchBytes("r3");
    await settled();
    expect(refusals).toEqual([error]);
    video.destroy();
    model.receive({ type: "media", slot: "video", run: "r4", path: "/tmp/r4.mp4", size: 1 });
    expect(asked).toHaveLength(1);
    expect(model.handlers.size).toBe(0);
  });
});
