import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CHAPTERS,
  DOCS,
  LANGS,
  PROSE_PAGES,
  anchorIds,
  blockKinds,
  figures,
  proseOf,
  siteLinks,
  slugs,
  source,
  tableRows,
  widgetMarkers,
} from './pages.ts';
import { halfWidthPunctuation, latinSpacing } from './typography.ts';

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
      const xray = text.indexOf(`\n<ForwardPassXRay initialPrompt="${prompt}" model="tiny-m" />\n`);
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
  test.each(PROSE_PAGES)('zh/%s uses full-width punctuation next to Chinese', (slug) => {
    expect(halfWidthPunctuation(proseOf(source('zh', slug)))).toEqual([]);
  });

  test.each(PROSE_PAGES)('zh/%s puts one space between Chinese and Latin letters or digits', (slug) => {
    expect(latinSpacing(proseOf(source('zh', slug)))).toEqual([]);
  });

  test('the Chinese text writes large numbers with 万 and 亿', () => {
    const zh = CHAPTERS.map((s) => proseOf(source('zh', s))).join('\n');
    expect(zh).not.toMatch(/\b\d+(\.\d+)?\s*(trillion|billion|million)\b/i);
    expect(zh).not.toMatch(/\b\d+(\.\d+)?\s*[TBM]\s*(个)?(词元|参数)/);
  });
});

describe('sources the chapters rest on', () => {
  // Each source with the identifier its entry must link to, and the pages that must cite it where
  // its claim is made.
  const SOURCES: Record<string, { link: string; citedIn: string[] }> = {
    llama3: { link: 'https://arxiv.org/abs/2407.21783', citedIn: ['02-lossy-compression', '04-orders-of-magnitude'] },
    'llama3-card': { link: 'https://huggingface.co/meta-llama/Meta-Llama-3-8B', citedIn: ['02-lossy-compression', '04-orders-of-magnitude'] },
    brown2020: { link: 'https://arxiv.org/abs/2005.14165', citedIn: ['01-why-it-talks', '04-orders-of-magnitude'] },
    wei2021: { link: 'https://arxiv.org/abs/2109.01652', citedIn: ['01-why-it-talks', 'glossary'] },
    ouyang2022: { link: 'https://arxiv.org/abs/2203.02155', citedIn: ['01-why-it-talks', 'glossary'] },
    vaswani2017: { link: 'https://arxiv.org/abs/1706.03762', citedIn: ['02-lossy-compression'] },
    carlini2021: { link: 'https://arxiv.org/abs/2012.07805', citedIn: ['03-not-packed-inside'] },
    carlini2023: { link: 'https://arxiv.org/abs/2202.07646', citedIn: ['03-not-packed-inside'] },
    nasr2023: { link: 'https://arxiv.org/abs/2311.17035', citedIn: ['03-not-packed-inside'] },
    lee2021: { link: 'https://arxiv.org/abs/2107.06499', citedIn: ['03-not-packed-inside'] },
    berglund2023: { link: 'https://arxiv.org/abs/2309.12288', citedIn: ['03-not-packed-inside'] },
    meng2022: { link: 'https://arxiv.org/abs/2202.05262', citedIn: ['03-not-packed-inside', '06-conclusions'] },
    pile2020: { link: 'https://arxiv.org/abs/2101.00027', citedIn: ['04-orders-of-magnitude'] },
    hoffmann2022: { link: 'https://arxiv.org/abs/2203.15556', citedIn: ['04-orders-of-magnitude'] },
    tiktoken: { link: 'https://github.com/openai/tiktoken', citedIn: ['04-orders-of-magnitude'] },
    'transformer-math': { link: 'https://blog.eleuther.ai/transformer-math/', citedIn: ['04-orders-of-magnitude'] },
  };

  for (const lang of LANGS) {
    const entries = new Map(
      [...source(lang, 'references').matchAll(/<li id="([^"]+)">(.*?)<\/li>/g)].map((m) => [m[1], m[2]] as const),
    );
    test.each(Object.keys(SOURCES))(`${lang}: %s is on the references page with its link, and cited where it is used`, (id) => {
      const { link, citedIn } = SOURCES[id];
      expect(entries.get(id), `${lang}: no reference "${id}"`).toBeDefined();
      expect(entries.get(id)).toContain(`](${link})`);
      for (const slug of citedIn) {
        const cites = siteLinks(source(lang, slug)).some((l) => l.page === 'references' && l.hash === id);
        expect(cites, `${lang}/${slug} does not cite ${id}`).toBe(true);
      }
    });
  }
});

describe('the two languages say the same things in the same order', () => {
  test.each(PROSE_PAGES)('%s: the same headings, asides, lists, tables, code, math and paragraphs', (slug) => {
    expect(blockKinds(source('en', slug))).toEqual(blockKinds(source('zh', slug)));
  });

  test.each(PROSE_PAGES)('%s: the same site links and citations, in the same order', (slug) => {
    const targets = (lang: 'zh' | 'en') => siteLinks(source(lang, slug)).map((l) => `${l.page}#${l.hash ?? ''}`);
    expect(targets('en')).toEqual(targets('zh'));
  });
});

describe('chapter 4: data ÷ weights depends on the model', () => {
  // The table's last two columns are derived: tokens per parameter = tokens ÷ parameters, and
  // data ÷ weights = (tokens × 4 bytes) ÷ (parameters × 2 bytes) = 2 × tokens per parameter.
  const BYTES_PER_TOKEN = 4;
  const BYTES_PER_PARAM = 2;
  const EN_SCALE: Record<string, number> = { billion: 1e9, trillion: 1e12 };
  const ZH_SCALE: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, '': 1 };
  const en = (cell: string) => {
    // A range such as "0.5 to 72 billion" counts as its lower end, in the unit that follows it.
    const m = /([\d.,]+)(?:\s*to\s*[\d.,]+)?\s*(billion|trillion)?/.exec(cell);
    return m ? Number(m[1].replace(/,/g, '')) * (m[2] ? EN_SCALE[m[2]] : 1) : NaN;
  };
  const zh = (cell: string) => {
    const m = /([\d.]+)\s*(万亿|亿|万)?/.exec(cell);
    return m ? Number(m[1]) * ZH_SCALE[m[2] ?? ''] : NaN;
  };
  const rows = (lang: 'zh' | 'en') =>
    tableRows(source(lang, '04-orders-of-magnitude')).map(([model, params, tokens, perParam, ratio]) => {
      const num = lang === 'en' ? en : zh;
      // The model's name links to its source, in the page's own language.
      const name = model.replace(/\[([^\]]+)\]\([^)]*\)/, '$1');
      return { model: name, params: num(params), tokens: num(tokens), perParam: num(perParam), ratio: num(ratio) };
    });

  test('both languages list the same models with the same numbers', () => {
    expect(rows('zh').length).toBeGreaterThanOrEqual(6);
    expect(rows('zh')).toEqual(rows('en'));
  });

  test('each ratio follows from its row at 4 bytes per token and 2 bytes per parameter', () => {
    const derived = rows('en').filter((r) => !Number.isNaN(r.ratio));
    expect(derived.length).toBeGreaterThanOrEqual(6);
    for (const r of derived) {
      const perParam = r.tokens / r.params;
      expect(Math.abs(r.perParam - perParam) / perParam, `${r.model}: tokens per parameter`).toBeLessThan(0.05);
      const ratio = (r.tokens * BYTES_PER_TOKEN) / (r.params * BYTES_PER_PARAM);
      expect(Math.abs(r.ratio - ratio) / ratio, `${r.model}: data ÷ weights`).toBeLessThan(0.05);
    }
  });

  test('the thousandth is not presented as a rule: the table spans from a few times to over a thousand', () => {
    const ratios = rows('en').map((r) => r.ratio).filter((x) => !Number.isNaN(x));
    expect(Math.min(...ratios)).toBeLessThan(10);
    expect(Math.max(...ratios)).toBeGreaterThan(1000);
  });
});

describe('Chinese wording', () => {
  test('a pretraining step is 更新, never 微调 (which means fine-tuning)', () => {
    const texts = {
      '02-lossy-compression': source('zh', '02-lossy-compression'),
      '05-library-and-exam': source('zh', '05-library-and-exam'),
      'training-loop.zh.svg': readFileSync(join(FIGURES_DIR, 'training-loop.zh.svg'), 'utf8'),
    };
    for (const [name, text] of Object.entries(texts)) expect(text, name).not.toMatch(/微调/);
    expect(source('zh', '02-lossy-compression')).toContain('## 训练：预测、对照、回传、更新');
  });

  test("post-training is 后训练, and a work's title sits in 《》", () => {
    const zh = PROSE_PAGES.map((s) => source('zh', s)).join('\n');
    expect(zh).not.toContain('后期训练');
    expect(zh).toContain('《ChatGPT 是网络的一张模糊 JPEG》');
  });
});
