/**
 * Where the reviewer's text selection lies in the case: which message (its index among the conversation's
 * messages, the response last) and the character offsets in that message's de-identified text. Placeholder chips
 * render their own text, so a message body's text content is exactly the stored text.
 */
export interface MessageSpan {
  field: number;
  start: number;
  end: number;
  text: string;
}

function bodyOf(node: Node | null): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node?.parentElement;
  return element?.closest<HTMLElement>('.msg-body') ?? null;
}

function offsetIn(body: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(body);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The selection inside `root`'s conversation, or a sentence saying why there is none usable. */
export function selectedSpan(root: HTMLElement | null): MessageSpan | string {
  const selection = window.getSelection();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
    return 'Select the missed text in a message first, then press M.';
  }
  const range = selection.getRangeAt(0);
  const body = bodyOf(range.startContainer);
  if (!body || !root.contains(body)) return 'Select the missed text in a message first, then press M.';
  if (bodyOf(range.endContainer) !== body) return 'Select text within one message.';
  const messages = [...root.querySelectorAll<HTMLElement>('.conversation .msg')];
  const article = body.closest<HTMLElement>('.msg');
  const field = article ? messages.indexOf(article) : -1;
  if (field < 0) return 'Select text within one message.';
  const start = offsetIn(body, range.startContainer, range.startOffset);
  const end = offsetIn(body, range.endContainer, range.endOffset);
  const text = range.toString();
  if (!text.trim()) return 'The selection is only white space.';
  return { field, start, end, text };
}
