import { describe, expect, test } from 'vitest';
import { baseDir, withBase } from '../../../src/lib/base-path.ts';

describe('base path', () => {
  test('baseDir gives exactly one trailing slash, with or without one given', () => {
    expect(baseDir('/')).toBe('/');
    expect(baseDir('/sub')).toBe('/sub/');
    expect(baseDir('/sub/')).toBe('/sub/');
    expect(`${baseDir('/sub')}models/tiny-m/`).toBe('/sub/models/tiny-m/');
  });

  test('withBase prefixes root-relative links once and leaves other links alone', () => {
    expect(withBase('/sub/', '/zh/glossary/#token')).toBe('/sub/zh/glossary/#token');
    expect(withBase('/sub', '/sub/zh/')).toBe('/sub/zh/');
    expect(withBase('/', '/zh/')).toBe('/zh/');
    expect(withBase('/sub/', 'https://example.org/')).toBe('https://example.org/');
    expect(withBase('/sub/', '//cdn.example.org/x')).toBe('//cdn.example.org/x');
    expect(withBase('/sub/', '#anchor')).toBe('#anchor');
  });
});
