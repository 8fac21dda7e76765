/**
 * The chapters' Chinese typography rules, as functions: the chapter tests apply them to the MDX
 * prose, the widget-string test to every island's Chinese strings. Each returns the offending
 * spots (a few characters either side), so a failure shows where to look.
 */

const CJK = '\\u3400-\\u9fff';

function spots(text: string, re: RegExp): string[] {
  return [...text.matchAll(re)].map((m) => text.slice(Math.max(0, m.index! - 8), m.index! + 8));
}

/** Half-width , . ; : ? ! ( ) touching a Chinese character (the chapters write ，。；：？！（）). */
export function halfWidthPunctuation(text: string): string[] {
  return spots(text, new RegExp(`[${CJK}][,.;:?!()]|[,;:?!(][${CJK}]|\\)[${CJK}]`, 'g'));
}

/** Chinese written flush against Latin letters or digits, or with more than one space (one space is the rule). */
export function latinSpacing(text: string): string[] {
  return spots(text, new RegExp(`[${CJK}][A-Za-z0-9]|[A-Za-z0-9][${CJK}]|[${CJK}] {2,}[A-Za-z0-9]`, 'g'));
}

/** Corner brackets 「」『』: the chapters quote with “ ”. */
export function cornerQuotes(text: string): string[] {
  return spots(text, /[「」『』]/g);
}

/**
 * Words the chapters do not use for their concepts: "token" as a word (the chapters say 词元;
 * "next-token", "#token" and file names such as tokenizer.json are not words), 小部件/小工具/组件
 * for a widget (the chapters say 部件), 惊讶度/惊奇度 for surprisal (the chapters say 意外度).
 */
export function offTerms(text: string): string[] {
  return spots(text, /(?<![\w/#.\-])tokens?(?![\w.\-])|小部件|小工具|组件|惊讶度|惊奇度/gi);
}

/** Every rule at once, for text that is all reader-facing Chinese. */
export function typographyProblems(text: string): string[] {
  return [...halfWidthPunctuation(text), ...latinSpacing(text), ...cornerQuotes(text), ...offTerms(text)];
}

/**
 * The string literals in a piece of JavaScript or TypeScript source (a function's `toString()`,
 * a component's frontmatter). A template literal counts as one string with each `${…}` written
 * as …; the literals inside `${…}` count on their own. Comments are skipped.
 */
export function stringLiterals(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  const readQuoted = (q: string): string => {
    let s = '';
    i++;
    while (i < src.length && src[i] !== q) {
      if (src[i] === '\\') {
        s += src[i + 1] ?? '';
        i += 2;
      } else s += src[i++];
    }
    i++;
    return s;
  };
  const readTemplate = (): string => {
    let s = '';
    i++;
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\') {
        s += src[i + 1] ?? '';
        i += 2;
      } else if (src[i] === '$' && src[i + 1] === '{') {
        i += 2;
        scan('}');
        i++;
        s += '…';
      } else s += src[i++];
    }
    i++;
    return s;
  };
  const scan = (until: string | null): void => {
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      if (until && c === until && depth === 0) return;
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (c === '/' && src[i + 1] === '/') {
        while (i < src.length && src[i] !== '\n') i++;
      } else if (c === '/' && src[i + 1] === '*') {
        const end = src.indexOf('*/', i + 2);
        i = end < 0 ? src.length : end + 2;
      } else if (c === '"' || c === "'") out.push(readQuoted(c));
      else if (c === '`') out.push(readTemplate());
      else i++;
    }
  };
  scan(null);
  return out;
}

/** Whether a string holds any Chinese character. */
export function hasChinese(text: string): boolean {
  return new RegExp(`[${CJK}]`).test(text);
}
