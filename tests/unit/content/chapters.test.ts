import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CHAPTERS,
  DOCS,
  LANGS,
  PROSE_PAGES,
  anchorIds,
  figures,
  proseOf,
  siteLinks,
  slugs,
  source,
  widgetMarkers,
} from './pages.ts';

const FIGURES_DIR = join(DOCS, '..', '..', 'public', 'figures');

describe('pages', () => {
  test('every page exists in both languages, with the same slug', () => {
    expect(slugs('zh')).toEqual(slugs('en'));
    for (const slug of [...CHAPTERS, 'index', 'glossary', 'references', 'playground', 'built-in-model']) {
      expect(slugs('zh')).toContain(slug);
    }
  });

  test.each(LANGS)('no placeholder text in the %s explanation', (lang) => {
    for (const slug of PROSE_PAGES) {
      expect(source(lang, slug), `${lang}/${slug}`).not.toMatch(/\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i);
    }
  });

  test.each(LANGS)('every %s chapter has real text, not a stub', (lang) => {
    for (const slug of CHAPTERS) {
      // The stubs were a single sentence; a chapter is at least a few screens of prose.
      expect(proseOf(source(lang, slug)).length, `${lang}/${slug}`).toBeGreaterThan(lang === 'zh' ? 600 : 1500);
    }
  });
});

describe('links', () => {
  for (const lang of LANGS) {
    const pages = new Set(slugs(lang));
    const glossary = new Set(anchorIds(source(lang, 'glossary')));
    const references = new Set(anchorIds(source(lang, 'references')));

    test.each(slugs(lang))(`${lang}/%s: every site link stays in its language and lands on a page that exists`, (slug) => {
      for (const link of siteLinks(source(lang, slug))) {
        expect(link.lang, `${slug}: ${link.href}`).toBe(lang);
        expect(pages.has(link.page), `${slug}: ${link.href} (no such page)`).toBe(true);
      }
    });

    test.each(slugs(lang))(`${lang}/%s: every glossary link has its entry`, (slug) => {
      for (const link of siteLinks(source(lang, slug)).filter((l) => l.page === 'glossary' && l.hash)) {
        expect(glossary.has(link.hash!), `${slug}: ${link.href}`).toBe(true);
      }
    });

    test.each(slugs(lang))(`${lang}/%s: every citation is on the references page`, (slug) => {
      for (const link of siteLinks(source(lang, slug)).filter((l) => l.page === 'references' && l.hash)) {
        expect(references.has(link.hash!), `${slug}: ${link.href}`).toBe(true);
      }
    });
  }

  test('the glossary and the references use the same anchors in both languages', () => {
    expect(anchorIds(source('zh', 'glossary')).sort()).toEqual(anchorIds(source('en', 'glossary')).sort());
    expect(anchorIds(source('zh', 'references')).sort()).toEqual(anchorIds(source('en', 'references')).sort());
  });

  test.each(LANGS)('%s: every reference is cited somewhere, and anchors are unique', (lang) => {
    const ids = anchorIds(source(lang, 'references'));
    expect(new Set(ids).size).toBe(ids.length);
    const cited = new Set(
      slugs(lang)
        .filter((s) => s !== 'references')
        .flatMap((s) => siteLinks(source(lang, s)))
        .filter((l) => l.page === 'references')
        .map((l) => l.hash),
    );
    for (const id of ids) expect(cited.has(id), `${lang}: reference "${id}" is never cited`).toBe(true);
  });

  test.each(LANGS)('%s: every glossary entry is linked from a chapter or page', (lang) => {
    const linked = new Set(
      slugs(lang)
        .filter((s) => s !== 'glossary')
        .flatMap((s) => siteLinks(source(lang, s)))
        .filter((l) => l.page === 'glossary')
        .map((l) => l.hash),
    );
    const unlinked = anchorIds(source(lang, 'glossary')).filter((id) => !linked.has(id));
    // A few entries (temperature, context window) are defined for the widgets' sake; most must be used.
    expect(unlinked.length, `${lang}: unlinked ${unlinked.join(', ')}`).toBeLessThanOrEqual(3);
  });

  test('every reference page entry carries an arXiv id, a DOI or a web link', () => {
    for (const lang of LANGS) {
      const items = [...source(lang, 'references').matchAll(/<li id="([^"]+)">(.*?)<\/li>/g)];
      expect(items.length).toBe(anchorIds(source(lang, 'references')).length);
      for (const [, id, body] of items) expect(body, `${lang}: ${id}`).toMatch(/\]\(https:\/\/[^)]+\)/);
    }
  });
});

describe('chapters', () => {
  test.each(CHAPTERS)('%s ends with a try-it section pointing into the playground', (slug) => {
    for (const [lang, heading] of [['zh', '## 试一试'], ['en', '## Try it']] as const) {
      const text = source(lang, slug);
      const at = text.lastIndexOf(heading);
      expect(at, `${lang}/${slug}`).toBeGreaterThan(0);
      expect(text.slice(at)).toContain(`](/${lang}/playground/)`);
      // Nothing but the try-it list follows the heading: it is the chapter's ending.
      expect(text.slice(at + heading.length)).not.toMatch(/^## /m);
    }
  });

  test.each(CHAPTERS)('%s marks the same widget spots, in the same order, in both languages', (slug) => {
    const zh = widgetMarkers(source('zh', slug));
    expect(zh.length, slug).toBeGreaterThan(0);
    expect(widgetMarkers(source('en', slug))).toEqual(zh);
  });

  test.each(CHAPTERS)('%s cross-links to other chapters', (slug) => {
    for (const lang of LANGS) {
      const others = siteLinks(source(lang, slug)).filter((l) => l.page !== slug && /^0[1-6]-/.test(l.page));
      expect(others.length, `${lang}/${slug}`).toBeGreaterThan(0);
    }
  });

  test('chapter 1 explains next-token prediction without the word "transformer"', () => {
    for (const lang of LANGS) expect(source(lang, '01-why-it-talks')).not.toMatch(/transformer/i);
  });

  test('chapter 1 shows the forward-pass X-ray on the capital-of-France example, after the example itself', () => {
    for (const [lang, prompt] of [['zh', '法国的首都是'], ['en', 'The capital of France is']] as const) {
      const text = source(lang, '01-why-it-talks');
      const example = text.indexOf(`\n${prompt}\n`);
      const xray = text.indexOf(`\n<ForwardPassXRay initialPrompt="${prompt}" />\n`);
      expect(example).toBeGreaterThan(0);
      expect(xray).toBeGreaterThan(example);
    }
  });

  test('chapter 4 keeps the model-size widget beside the file-size formula', () => {
    for (const lang of LANGS) {
      const text = source(lang, '04-orders-of-magnitude');
      expect(text).toContain('import ModelSize from "../../../src/components/ModelSize.astro";');
      const formula = text.search(/\\text\{(文件大小|file size)\}/);
      const widget = text.indexOf('\n<ModelSize />\n');
      expect(formula).toBeGreaterThan(0);
      expect(widget).toBeGreaterThan(formula);
    }
  });

  test("the seed's examples are all there", () => {
    const zh = CHAPTERS.map((s) => source('zh', s)).join('\n');
    for (const phrase of ['你好', '法国的首都是', '巴黎', '怎么做红烧肉？', '怎么做回锅肉？怎么做水煮鱼？', '指令微调', '面包', '面粉', '.safetensors', '15 万亿', '40–100 TB', '80 亿', '16 GB', '图书馆', '毕业生', '考试']) {
      expect(zh, phrase).toContain(phrase);
    }
    const en = CHAPTERS.map((s) => source('en', s)).join('\n');
    for (const phrase of ['Hello', 'The capital of France is', 'Paris', 'braised pork', 'instruction tuning', 'bread', 'flour', '.safetensors', '15 trillion', '40–100 TB', '8 billion', '16 GB', 'library', 'graduate', 'exam']) {
      expect(en, phrase).toContain(phrase);
    }
  });
});

describe('figures', () => {
  for (const lang of LANGS) {
    test.each(PROSE_PAGES)(`${lang}/%s: every figure has alt text, a source and a drawing in both languages`, (slug) => {
      for (const fig of figures(source(lang, slug))) {
        expect(fig.alt?.trim().length ?? 0, `${slug}: ${fig.name}`).toBeGreaterThan(20);
        expect(fig.source?.trim().length ?? 0, `${slug}: ${fig.name}`).toBeGreaterThan(0);
        for (const l of LANGS) expect(existsSync(join(FIGURES_DIR, `${fig.name}.${l}.svg`)), `${fig.name}.${l}.svg`).toBe(true);
      }
    });
  }

  test('the figures the explanation needs are placed, in the same chapters in both languages', () => {
    const placed = (lang: 'zh' | 'en') => CHAPTERS.flatMap((s) => figures(source(lang, s)).map((f) => `${s}:${f.name}`));
    expect(placed('zh')).toEqual(placed('en'));
    expect(placed('zh').map((p) => p.split(':')[1]).sort()).toEqual(['inside-the-box', 'jpeg-analogy', 'magnitude', 'training-loop']);
  });

  test('figures take their colours from the theme, so they read in light and dark', () => {
    for (const name of ['training-loop', 'jpeg-analogy', 'magnitude', 'inside-the-box']) {
      for (const lang of LANGS) {
        const svg = readFileSync(join(FIGURES_DIR, `${name}.${lang}.svg`), 'utf8');
        expect(svg, `${name}.${lang}`).toMatch(/^<\?xml[^>]*>\s*<svg [^>]*viewBox=/);
        // No colour written as a bare attribute: every colour is a CSS variable (with a fallback
        // for the file opened on its own) or currentColor.
        expect(svg, `${name}.${lang}`).not.toMatch(/\s(fill|stroke)="#/);
        expect(svg).toContain('var(--sl-color-');
      }
    }
  });
});

describe('Chinese typography', () => {
  const CJK = '\\u3400-\\u9fff';
  test.each(PROSE_PAGES)('zh/%s uses full-width punctuation next to Chinese', (slug) => {
    const prose = proseOf(source('zh', slug));
    const bad = [...prose.matchAll(new RegExp(`[${CJK}][,.;:?!()]|[,;:?!(][${CJK}]|\\)[${CJK}]`, 'g'))].map(
      (m) => prose.slice(Math.max(0, m.index! - 8), m.index! + 8),
    );
    expect(bad).toEqual([]);
  });

  test.each(PROSE_PAGES)('zh/%s puts one space between Chinese and Latin letters or digits', (slug) => {
    const prose = proseOf(source('zh', slug));
    const bad = [...prose.matchAll(new RegExp(`[${CJK}][A-Za-z0-9]|[A-Za-z0-9][${CJK}]|[${CJK}] {2,}[A-Za-z0-9]`, 'g'))].map(
      (m) => prose.slice(Math.max(0, m.index! - 8), m.index! + 8),
    );
    expect(bad).toEqual([]);
  });

  test('the Chinese text writes large numbers with 万 and 亿', () => {
    const zh = CHAPTERS.map((s) => proseOf(source('zh', s))).join('\n');
    expect(zh).not.toMatch(/\b\d+(\.\d+)?\s*(trillion|billion|million)\b/i);
    expect(zh).not.toMatch(/\b\d+(\.\d+)?\s*[TBM]\s*(个)?(词元|参数)/);
  });
});
