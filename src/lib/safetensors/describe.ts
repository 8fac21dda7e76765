/**
 * Values from a header, made safe to put in an error message: never recursive (a value nested
 * 6,000 deep is described, not stringified), bounded in length, and stripped of control
 * characters (a tensor name may carry terminal escape sequences).
 */

/** Longest quoted value in a message before it is cut with "…". */
const MAX_SHOWN = 60;

/** `s` without control characters (C0, DEL, C1), cut to MAX_SHOWN characters. */
export function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
  return printable.length > MAX_SHOWN ? `${printable.slice(0, MAX_SHOWN)}…` : printable;
}

/** A short description of any JSON value: "missing", "null", "the string \"F33\"", "an array of 3 items". */
export function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string "${clean(v)}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** A number literal in the header written as a fraction or with an exponent (`2.0`, `1e0`). */
export interface NonIntegerLiteral {
  tensor: string;
  field: 'shape' | 'data_offsets';
  literal: string;
}

/**
 * Finds number literals that are not plain integers inside a tensor's "shape" or "data_offsets"
 * (JSON.parse turns `2.0` into 2, but the format, like its reference reader, wants integers).
 * One pass over the text with an explicit stack, so any nesting depth is fine; `text` must
 * already be valid JSON.
 */
export function nonIntegerLiterals(text: string): NonIntegerLiteral[] {
  const found: NonIntegerLiteral[] = [];
  // Each open container: its kind and the key it sits under (null in arrays and at the root).
  const stack: { kind: '{' | '['; key: string | null }[] = [];
  let pendingKey: string | null = null;
  let lastString: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i, j + 1);
      i = j;
    } else if (c === ':') {
      pendingKey = lastString === null ? null : (JSON.parse(lastString) as string);
    } else if (c === '{' || c === '[') {
      stack.push({ kind: c, key: stack.at(-1)?.kind === '{' ? pendingKey : null });
      pendingKey = null;
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i;
      while (j < text.length && /[-+0-9.eE]/.test(text[j]!)) j++;
      const literal = text.slice(i, j);
      const top = stack[2];
      if (/[.eE]/.test(literal) && stack.length === 3 && top && (top.key === 'shape' || top.key === 'data_offsets') && stack[1]!.key !== null && stack[1]!.key !== '__metadata__') {
        found.push({ tensor: stack[1]!.key, field: top.key, literal });
      }
      i = j - 1;
    }
  }
  return found;
}
