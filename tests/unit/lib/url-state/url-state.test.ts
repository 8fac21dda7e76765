import { describe, expect, test } from 'vitest';
import { readUrlState, removeUrlKeys, writeUrlState } from '../../../../src/lib/url-state/url-state.ts';

describe('url state', () => {
  test('round-trips a widget’s values under its prefix', () => {
    const search = writeUrlState('', 'mag', { tokens: '15T', bpt: 4.5 });
    expect(readUrlState(search, 'mag')).toEqual({ tokens: '15T', bpt: '4.5' });
  });
  test('leaves other widgets’ keys and unrelated parameters alone', () => {
    const search = writeUrlState('?mem.preset=gpt2&x=1', 'mag', { tokens: '1T' });
    expect(readUrlState(search, 'mem')).toEqual({ preset: 'gpt2' });
    expect(new URLSearchParams(search).get('x')).toBe('1');
    expect(readUrlState(search, 'ma')).toEqual({});
  });
  test('null, undefined and non-finite numbers remove a key instead of writing NaN', () => {
    const search = writeUrlState('?mag.tokens=1&mag.bpt=2', 'mag', { tokens: null, bpt: Number.NaN });
    expect(search).toBe('');
  });
  test('encodes Chinese and spaces safely', () => {
    const search = writeUrlState('', 'mag', { tokens: '15 万亿' });
    expect(readUrlState(search, 'mag').tokens).toBe('15 万亿');
  });
});

describe('removeUrlKeys', () => {
  test('drops every key of the given widgets and keeps the others', () => {
    expect(removeUrlKeys('?mem.config=x&mem.ctx=2&mag.lo=3&memo=1', ['mem'])).toBe('?mag.lo=3&memo=1');
    expect(removeUrlKeys('?mem.config=x', ['mem'])).toBe('');
    expect(removeUrlKeys('?pg.prompt=a&bpt.text=b', ['pg', 'bpt'])).toBe('');
  });
});
