/**
 * The island error boundary without a DOM (none is installed for Vitest): the fallback is checked
 * through preact-render-to-string, which honours error boundaries when asked, and the reset through
 * the boundary instance with the browser's location and history stood in for. The real page
 * (re-mount after reset, URL cleared) is covered by tests/e2e/island-boundary.spec.ts.
 */
import { h, options } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { IslandBoundary, withIslandBoundary } from '../../../src/ui/IslandBoundary.tsx';
import { islandErrorStrings } from '../../../src/ui/island-error.strings.ts';

vi.mock('../../../src/ui/island-boundary.css', () => ({}));

function Broken(_: { lang: 'zh' | 'en' }): never {
  throw new Error('nested too deep');
}
function Fine({ lang }: { lang: 'zh' | 'en' }) {
  return h('p', null, `fine ${lang}`);
}

describe('IslandBoundary', () => {
  let before: boolean | undefined;
  beforeEach(() => {
    before = (options as { errorBoundaries?: boolean }).errorBoundaries;
    (options as { errorBoundaries?: boolean }).errorBoundaries = true;
  });
  afterEach(() => {
    (options as { errorBoundaries?: boolean }).errorBoundaries = before;
    vi.unstubAllGlobals();
  });

  test('a throwing island renders the bilingual notice with its message and a reset button', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Guarded = withIslandBoundary(Broken, { name: 'Broken' });
    for (const lang of ['zh', 'en'] as const) {
      const html = renderToString(h(Guarded, { lang }));
      const t = islandErrorStrings[lang];
      expect(html).toContain('role="alert"');
      expect(html).toContain(t.title());
      expect(html).toContain(t.detail('nested too deep'));
      expect(html).toContain(`>${t.reset()}</button>`);
    }
  });

  test('an island that does not throw renders as itself', () => {
    const Guarded = withIslandBoundary(Fine, { name: 'Fine' });
    expect(renderToString(h(Guarded, { lang: 'en' }))).toBe('<p>fine en</p>');
  });

  test('reset removes only the island’s URL keys and mounts a new instance', () => {
    const replaceState = vi.fn();
    vi.stubGlobal('location', { pathname: '/sub/zh/x/', search: '?mem.config=%7B%7B&mem.ctx=9&mag.lo=3', hash: '#h' });
    vi.stubGlobal('history', { state: null, replaceState });
    const boundary = new IslandBoundary({ lang: 'en', name: 'ModelMemory', urlPrefixes: ['mem'], children: () => null });
    boundary.state = { error: new Error('boom'), generation: 0 };
    let next: unknown;
    boundary.setState = (update) => {
      next = typeof update === 'function' ? update(boundary.state, boundary.props) : update;
    };
    boundary.reset();
    expect(replaceState).toHaveBeenCalledWith(null, '', '/sub/zh/x/?mag.lo=3#h');
    expect(next).toEqual({ error: null, generation: 1 });
    // The generation is the island's key: a new generation renders a freshly keyed island.
    const rendered = boundary.render(
      { ...boundary.props, children: (g: number) => h(Fine, { key: g, lang: 'en' }) },
      { error: null, generation: 1 },
    ) as { key: unknown };
    expect(rendered.key).toBe(1);
  });
});
