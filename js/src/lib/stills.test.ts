// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { hideStillWhenLive, hidingRule } from "./stills";

type Handler = (content: { type?: unknown; still?: unknown }) => void;

function fakeModel() {
  const handlers = new Set<Handler>();
  return {
    on: (_event: string, handler: Handler) => handlers.add(handler),
    off: (_event: string, handler: Handler) => handlers.delete(handler),
    say: (content: { type?: unknown; still?: unknown }) => {
      for (const handler of handlers) handler(content);
    },
    listening: () => handlers.size,
  };
}

function hiding(still: string): HTMLStyleElement[] {
  return [...document.head.querySelectorAll<HTMLStyleElement>("style")].filter(
    (style) => style.dataset.klingStillHidden === still,
  );
}

describe("the static view beside a live widget", () => {
  it("stays until the kernel says it is live, then is hidden", () => {
    const model = fakeModel();
    const stop = hideStillWhenLive(model as never);
    model.say({ type: "media" });
    expect(hiding("s1")).toHaveLength(0);
    model.say({ type: "live", still: "s1" });
    expect(hiding("s1")).toHaveLength(1);
    expect(hiding("s1")[0]?.textContent).toBe(hidingRule("s1"));
    stop();
    expect(hiding("s1")).toHaveLength(0);
    expect(model.listening()).toBe(0);
  });

  it("stays hidden while any view of the widget is live", () => {
    const first = fakeModel();
    const second = fakeModel();
    const stopFirst = hideStillWhenLive(first as never);
    const stopSecond = hideStillWhenLive(second as never);
    first.say({ type: "live", still: "s2" });
    second.say({ type: "live", still: "s2" });
    expect(hiding("s2")).toHaveLength(1);
    stopFirst();
    expect(hiding("s2")).toHaveLength(1);
    stopSecond();
    expect(hiding("s2")).toHaveLength(0);
  });

  it("has a rule naming the static view and JupyterLab's output row around it", () => {
    const rule = hidingRule("s3");
    expect(rule).toContain('[data-kling-still="s3"]');
    expect(rule).toContain(".jp-OutputArea-child:has(");
  });
});
