/**
 * The chat-template "X-ray": the exact tokens an instruct model is fed for one user message, each
 * marked as the reader's own text, a special control token, or text the template added. It shows
 * that the assistant is still completing a document, one the template wrote most of.
 */

/** A piece of templated prompt as the engine tokenized it. */
export interface TokenizedSegment {
  text: string;
  tokens: string[];
}

/** One token of the X-ray. */
export interface XrayToken {
  text: string;
  kind: 'user' | 'special' | 'template';
}

/** Control tokens in the chat formats WebLLM's models use: <|im_start|>, <s>, [INST], <|endoftext|>… */
const SPECIAL = /^(<\|[^|]*\|>|<\/?s>|\[\/?[A-Z_]+\]|<[a-z_]+>|<\/[a-z_]+>)$/;

/** Marks each token; the user's text is found by character position inside its segment. */
export function xrayTokens(prefix: TokenizedSegment, segments: readonly TokenizedSegment[], userText: string): XrayToken[] {
  const out: XrayToken[] = prefix.tokens.map((text) => ({ text, kind: 'special' }));
  for (const segment of segments) {
    const start = userText ? segment.text.indexOf(userText) : -1;
    const end = start + userText.length;
    let at = 0;
    for (const text of segment.tokens) {
      const from = at;
      at += text.length;
      const overlapsUser = start >= 0 && from < end && at > start;
      out.push({ text, kind: SPECIAL.test(text.trim()) ? 'special' : overlapsUser ? 'user' : 'template' });
    }
  }
  return out;
}

/** The whole prompt as one string, exactly as the segments were tokenized. */
export function xrayText(prefix: TokenizedSegment, segments: readonly TokenizedSegment[]): string {
  return prefix.text + segments.map((s) => s.text).join('');
}
