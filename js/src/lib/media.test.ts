import { describe, expect, it } from "vitest";
import { onMedia, toArrayBuffer } from "./media";

type Handler = (content: unknown, buffers: DataView[]) => void;

class FakeModel {
  readonly handlers = new Set<Handler>();
  on(_event: string, callback: (...args: never[]) => void): void {
    this.handlers.add(callback as unknown as Handler);
  }
  off(_event: string, callback: (...args: never[]) => void): void {
    this.handlers.delete(callback as unknown as Handler);
  }
  receive(content: unknown, buffers: DataView[]): void {
    for (const handler of this.handlers) handler(content, buffers);
  }
}

describe("toArrayBuffer", () => {
  it("copies only the view's own bytes out of a larger buffer", () => {
    const shared = new Uint8Array([9, 1, 2, 3, 9]).buffer;
    const copy = toArrayBuffer(new DataView(shared, 1, 3));
    expect([...new Uint8Array(copy)]).toEqual([1, 2, 3]);
  });
});

describe("onMedia", () => {
  it("hands over media messages with their bytes, ignores others, and stops", () => {
    const model = new FakeModel();
    const got: [string, number[]][] = [];
    const stop = onMedia(model, (slot, data) => got.push([slot, [...new Uint8Array(data)]]));
    const bytes = new DataView(new Uint8Array([7, 8]).buffer);
    model.receive({ type: "media", slot: "video" }, [bytes]);
    model.receive({ type: "beat" }, [bytes]);
    model.receive({ type: "media", slot: "image" }, []);
    stop();
    model.receive({ type: "media", slot: "late" }, [bytes]);
    expect(got).toEqual([["video", [7, 8]]]);
    expect(model.handlers.size).toBe(0);
  });
});
