import { describe, expect, test } from 'vitest';
import { byteSafeLabel, byteLevelTokenBytes, piecesByToken } from '../../../../src/lib/tinylm/token-bytes.ts';

describe('byteLevelTokenBytes', () => {
  test('maps GPT-2 byte characters back to bytes (Ġ is a space, Ċ a newline)', () => {
    expect([...byteLevelTokenBytes('Ġhi')]).toEqual([0x20, 0x68, 0x69]);
    expect([...byteLevelTokenBytes('Ċ')]).toEqual([0x0a]);
    expect([...byteLevelTokenBytes('å·')]).toEqual([0xe5, 0xb7]);
  });
  test('a special token is its own UTF-8', () => {
    expect(new TextDecoder().decode(byteLevelTokenBytes('<|endoftext|>'))).toBe('<|endoftext|>');
  });
});

describe('piecesByToken', () => {
  test('gives a split character to the token that completes it, so pieces join to the text', () => {
    const bytes = new TextEncoder().encode('巴黎🤖!');
    const tokens = [bytes.slice(0, 2), bytes.slice(2, 4), bytes.slice(4, 9), bytes.slice(9)];
    const pieces = piecesByToken(tokens);
    expect(pieces).toEqual(['', '巴', '黎', '🤖!']);
    expect(pieces.join('')).toBe('巴黎🤖!');
  });
  test('bytes that never complete a character end as U+FFFD', () => {
    expect(piecesByToken([new Uint8Array([0xe5, 0xb7])]).join('')).toBe('\uFFFD');
  });
});

describe('byteSafeLabel', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  test('whole characters stay text; bytes of a split character show as ⟨hex⟩, never U+FFFD', () => {
    expect(byteSafeLabel(utf8('巴黎'))).toBe('巴黎');
    expect(byteSafeLabel(utf8(' Paris'))).toBe(' Paris');
    const ba = utf8('巴');
    expect(byteSafeLabel(ba.subarray(0, 1))).toBe('⟨e5⟩');
    expect(byteSafeLabel(ba.subarray(1))).toBe('⟨b7⟩⟨b4⟩');
    expect(byteSafeLabel(new Uint8Array([...utf8('是'), ba[0]!]))).toBe('是⟨e5⟩');
    expect(byteSafeLabel(utf8('🤖'))).toBe('🤖');
    expect(byteSafeLabel(new Uint8Array([0xff, 0x41]))).toBe('⟨ff⟩A');
  });
});
