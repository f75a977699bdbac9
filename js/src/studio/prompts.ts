// Where a token such as <<<voice_1>>> goes: into the prompt the person was last in, at its
// caret. The prompt boxes (the request's prompt, each shot's) register here; focusing one makes
// it the target. A box that would not be sent now (a shot's prompt while the shots are not
// customized) is passed over for the best one that would.

/** A prompt text box a token can be put into. */
export interface PromptBox {
  readonly element: HTMLTextAreaElement;
  /** How a person names it: "the prompt", "shot 2". */
  name(): string;
  /** Whether what is typed here is sent now. */
  usable(): boolean;
  /** Lower first: where a token goes when the person was in no usable box yet. */
  rank(): number;
  /** Keeps the new text (the trait), as typing into the box does. */
  write(text: string): void;
}

/**
 * A class: it holds which box was focused last, across the views that own the boxes, and tells
 * its listeners when that changes (the Insert buttons name their target).
 */
export class PromptCursor {
  private readonly boxes = new Set<PromptBox>();
  private last: PromptBox | null = null;
  private readonly listeners = new Set<() => void>();

  /** Registers `box`; the function returned takes it out again (its view is gone). */
  add(box: PromptBox): () => void {
    const focused = () => {
      if (this.last === box) return;
      this.last = box;
      this.changed();
    };
    box.element.addEventListener("focus", focused);
    this.boxes.add(box);
    return () => {
      box.element.removeEventListener("focus", focused);
      this.boxes.delete(box);
      if (this.last === box) {
        this.last = null;
        this.changed();
      }
    };
  }

  /** The box a token goes into now, or null when there is none to send. */
  target(): PromptBox | null {
    if (this.last?.usable()) return this.last;
    const usable = [...this.boxes].filter((box) => box.usable());
    usable.sort((a, b) => a.rank() - b.rank());
    return usable[0] ?? null;
  }

  /**
   * Puts `token` at the target's caret (over its selection), keeps the text, and leaves the
   * caret just after the token with the box focused, so typing goes on from there. Returns the
   * box it went into, or null.
   */
  insert(token: string): PromptBox | null {
    const box = this.target();
    if (box === null) return null;
    const element = box.element;
    const start = element.selectionStart ?? element.value.length;
    const end = element.selectionEnd ?? start;
    const text = element.value.slice(0, start) + token + element.value.slice(end);
    element.value = text;
    element.focus();
    const caret = start + token.length;
    element.setSelectionRange(caret, caret);
    this.last = box;
    box.write(text);
    this.changed();
    return box;
  }

  /** Calls `listener` whenever the target may have changed; returns what stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
