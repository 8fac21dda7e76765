import { describe, expect, test } from 'vitest';
import {
  byteList,
  labelsOfIds,
  recoverTokenBytes,
  textWithLooseBytes,
  sequenceLabels,
  sequenceLabelsFromText,
  tokenLabel,
  visibleWhitespace,
} from '../../../../src/lib/format/tokens-display.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);
const alone = (b: Uint8Array) => new TextDecoder().decode(b);
const F = '\uFFFD';

describe('visibleWhitespace', () => {
  test('one mark per kind of whitespace, ∅ for an empty token', () => {
    expect(visibleWhitespace(' Paris')).toBe('␣Paris');
    expect(visibleWhitespace('\n答')).toBe('↵答');
    expect(visibleWhitespace('a\tb\r')).toBe('a⇥b␍');
    expect(visibleWhitespace('')).toBe('∅');
  });
});

describe('tokenLabel', () => {
  test('a byte token shows its bytes, never U+FFFD', () => {
    // 巷 is e5 b7 b7; its first two bytes alone decode to one U+FFFD.
    expect(utf8('巷')).toEqual(bytes(0xe5, 0xb7, 0xb7));
    expect(tokenLabel(alone(bytes(0xe5, 0xb7)), bytes(0xe5, 0xb7))).toBe('⟨e5 b7⟩');
    expect(tokenLabel(alone(bytes(0xb7)), bytes(0xb7))).toBe('⟨b7⟩');
  });
  test('whole characters stay text; a trailing cut character shows as bytes after them', () => {
    const b = Uint8Array.of(...utf8(' 中'), 0xe5);
    expect(tokenLabel(alone(b), b)).toBe('␣中⟨e5⟩');
  });
  test('without bytes, an unknown piece is ⟨?⟩', () => {
    expect(tokenLabel(`a${F}`)).toBe('a⟨?⟩');
    expect(tokenLabel(' Paris')).toBe('␣Paris');
    expect(byteList([0, 255])).toBe('⟨00 ff⟩');
  });
});

describe('sequenceLabels', () => {
  test('the token that completes a character shows its bytes and the character', () => {
    expect(sequenceLabels([utf8('中'), bytes(0xe5, 0xb7), bytes(0xb7), utf8('国')])).toEqual(['中', '⟨e5 b7⟩', '⟨b7⟩→巷', '国']);
  });
  test('a character cut in three, then text in the same token; an emoji in two', () => {
    expect(sequenceLabels([bytes(0xe8), bytes(0xba), Uint8Array.of(0xb2, ...utf8('进 '))])).toEqual(['⟨e8⟩', '⟨ba⟩', '⟨b2⟩→躲进␣']);
    const robot = utf8('🤖');
    expect(sequenceLabels([robot.subarray(0, 2), robot.subarray(2)])).toEqual(['⟨f0 9f⟩', '⟨a4 96⟩→🤖']);
  });
  test('bytes that never complete a character stay bytes', () => {
    expect(sequenceLabels([utf8('a'), bytes(0xe5, 0xb7)])).toEqual(['a', '⟨e5 b7⟩']);
    expect(sequenceLabels([bytes(0xff)])).toEqual(['⟨ff⟩']);
  });
  test('no label ever holds U+FFFD', () => {
    const text = '中国的首都是北京，巷子里很安静。🤖';
    const all = utf8(text);
    // Cut the bytes every 2 bytes, ignoring character boundaries.
    const cut = Array.from({ length: Math.ceil(all.length / 2) }, (_, i) => all.subarray(2 * i, 2 * i + 2));
    const labels = sequenceLabels(cut);
    expect(labels.join('')).not.toContain(F);
    expect(labels.filter((l) => l.includes('→')).map((l) => l.split('→')[1]!.slice(0, 1)).join('')).not.toBe('');
  });
});

describe('recoverTokenBytes', () => {
  test('finds the split that decodes to each token text', () => {
    const tokens = [utf8('中'), bytes(0xe5, 0xb7), bytes(0xb7), utf8('国')];
    const texts = tokens.map(alone);
    expect(texts).toEqual(['中', F, F, '国']);
    expect(recoverTokenBytes('中巷国', texts)).toEqual(tokens);
  });
  test('a split of one byte then two is told apart from two then one', () => {
    const a = [bytes(0xe5), bytes(0xb7, 0xb7)];
    expect(recoverTokenBytes('巷', a.map(alone))).toEqual(a);
    const b = [bytes(0xe5, 0xb7), bytes(0xb7)];
    expect(recoverTokenBytes('巷', b.map(alone))).toEqual(b);
  });
  test('undefined when the texts do not spell the text', () => {
    expect(recoverTokenBytes('中国', ['中', '美'])).toBeUndefined();
  });
  test('sequenceLabelsFromText: the branch tree of the issue reads without �', () => {
    const tokens = [utf8('中'), bytes(0xe5, 0xb7), bytes(0xb7), utf8('向'), bytes(0xe5), bytes(0x9b, 0xbd)];
    const text = new TextDecoder().decode(Uint8Array.from(tokens.flatMap((t) => [...t])));
    expect(sequenceLabelsFromText(text, tokens.map(alone))).toEqual(['中', '⟨e5 b7⟩', '⟨b7⟩→巷', '向', '⟨e5⟩', '⟨9b bd⟩→国']);
    expect(sequenceLabelsFromText('a b', ['a', ' b'])).toEqual(['a', '␣b']);
  });
});

describe('labelsOfIds', () => {
  const texts = new Map([[1, '中'], [2, F], [3, F]]);
  const known = new Map([[2, bytes(0xe5, 0xb7)], [3, bytes(0xb7)]]);
  test('uses the cached bytes when every cut token has them', () => {
    expect(labelsOfIds([1, 2, 3], (id) => texts.get(id), (id) => known.get(id))).toEqual(['中', '⟨e5 b7⟩', '⟨b7⟩→巷']);
  });
  test('falls back to the decoded text, then to ⟨?⟩, never to U+FFFD', () => {
    expect(labelsOfIds([1, 2, 3], (id) => texts.get(id), () => undefined, '中巷')).toEqual(['中', '⟨e5 b7⟩', '⟨b7⟩→巷']);
    expect(labelsOfIds([1, 2, 3], (id) => texts.get(id), () => undefined)).toEqual(['中', '⟨?⟩', '⟨?⟩']);
  });
});

describe('textWithLooseBytes', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  test('running text keeps its spaces and characters; an unfinished character shows its bytes, not U+FFFD', () => {
    const text = new TextEncoder().encode('他躲进 巷');
    expect(textWithLooseBytes(text)).toBe('他躲进 巷');
    // 巷 is e5 b7 b7: the first two bytes arrived, the third not yet.
    expect(textWithLooseBytes(text.subarray(0, text.length - 1))).toBe('他躲进 ⟨e5 b7⟩');
  });
  test('bytes that can never form a character (a stray continuation byte) show as bytes too', () => {
    expect(textWithLooseBytes(bytes(0x61, 0xb7, 0x62))).toBe('a⟨b7⟩b');
    expect(textWithLooseBytes(bytes())).toBe('');
  });
});
