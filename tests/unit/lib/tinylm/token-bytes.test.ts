import { describe, expect, test } from 'vitest';
import { byteLevelTokenBytes, piecesByToken } from '../../../../src/lib/tinylm/token-bytes.ts';

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
