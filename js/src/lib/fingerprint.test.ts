import { describe, expect, it } from "vitest";
import { fingerprint } from "./fingerprint";

function buffer(length: number, fill: (index: number) => number): ArrayBuffer {
  return Uint8Array.from({ length }, (_, index) => fill(index)).buffer;
}

describe("fingerprint", () => {
  it("is the same for the same bytes", () => {
    const a = buffer(100_000, (i) => (i * 7) % 251);
    const b = buffer(100_000, (i) => (i * 7) % 251);
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it("differs when the length or a sampled byte differs", () => {
    const base = buffer(1000, (i) => i % 256);
    expect(fingerprint(buffer(1001, (i) => i % 256))).not.toBe(fingerprint(base));
    expect(fingerprint(buffer(1000, (i) => (i === 500 ? 7 : i % 256)))).not.toBe(fingerprint(base));
  });

  it("handles an empty buffer", () => {
    expect(fingerprint(new ArrayBuffer(0))).toBe("0:811c9dc5");
  });
});
