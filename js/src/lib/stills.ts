// The static view the kernel puts beside each widget's output (for readers without a kernel:
// GitHub, nbviewer, exported HTML) is hidden while the kernel is live: the kernel answers the
// view's `hello` with `live` naming it, and one style rule per static view hides it — and, in
// JupyterLab, the output row holding it — until the last live view of that widget goes.

import type { Live } from "../generated/contract";
import type { Listenable } from "./media";

const STILL_ATTRIBUTE = "data-kling-still";
const users = new Map<string, { style: HTMLStyleElement; views: number }>();

/** The CSS that hides one static view and the JupyterLab output row around it. */
export function hidingRule(still: string): string {
  const selector = `[${STILL_ATTRIBUTE}="${CSS.escape(still)}"]`;
  return `${selector}, .jp-OutputArea-child:has(${selector}) { display: none !important; }`;
}

function hide(documentRef: Document, still: string): () => void {
  let user = users.get(still);
  if (!user) {
    const style = documentRef.createElement("style");
    style.dataset.klingStillHidden = still;
    style.textContent = hidingRule(still);
    documentRef.head.append(style);
    user = { style, views: 0 };
    users.set(still, user);
  }
  user.views += 1;
  const held = user;
  return () => {
    held.views -= 1;
    if (held.views === 0) {
      held.style.remove();
      users.delete(still);
    }
  };
}

function isLive(content: { type?: unknown; still?: unknown }): content is Live {
  return content.type === "live" && typeof content.still === "string";
}

/** Hides this widget's static view once the kernel says it is live; returns the undo. */
export function hideStillWhenLive(model: Listenable, documentRef: Document = document): () => void {
  let release: (() => void) | null = null;
  const handler = (content: { type?: unknown; still?: unknown }) => {
    if (isLive(content) && !release) release = hide(documentRef, content.still);
  };
  model.on("msg:custom", handler as (...args: never[]) => void);
  return () => {
    model.off("msg:custom", handler as (...args: never[]) => void);
    release?.();
    release = null;
  };
}
