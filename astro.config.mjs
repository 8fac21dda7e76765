// @ts-check
import { defineConfig } from 'astro/config';
import { loadEnv } from 'vite';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkBaseLinks } from './src/tools/remark-base-links.ts';
import { modelExports } from './src/tools/export/astro-integration.ts';
import { cspComplete } from './src/tools/csp-complete.ts';

/**
 * BASE_PATH and SITE_URL come from the environment at build time so the same source deploys to
 * a domain root, a GitHub Pages project path or any sub-folder of a static host.
 */
const base = normalizeBase(process.env.BASE_PATH ?? '/');
const site = process.env.SITE_URL || 'http://localhost:4321';

/** "/sub" and "sub/" both mean "/sub/"; "" means "/". */
function normalizeBase(/** @type {string} */ value) {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Hosts the real model (WebLLM) downloads from, for the Content-Security-Policy's connect-src:
 * the PUBLIC_WEBLLM_* bases the site is built with (docs/webllm.md), else WebLLM's defaults.
 * Hugging Face answers `resolve/main` with a redirect to its file CDNs (cdn-lfs.hf.co,
 * cas-bridge.xethub.hf.co), and CSP checks every hop, so those are allowed with the default.
 * A relative base is the site itself ('self').
 */
function webllmHosts() {
  const env = { ...loadEnv(process.env.NODE_ENV ?? 'production', process.cwd(), 'PUBLIC_'), ...process.env };
  const hosts = new Set();
  const add = (/** @type {string | undefined} */ value, /** @type {string[]} */ fallback) => {
    const v = value?.trim();
    if (!v) return fallback.forEach((h) => hosts.add(h));
    if (/^https?:\/\//i.test(v)) hosts.add(new URL(v).origin);
  };
  add(env.PUBLIC_WEBLLM_MODEL_BASE, ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co']);
  add(env.PUBLIC_WEBLLM_LIB_BASE, ['https://raw.githubusercontent.com']);
  return [...hosts];
}

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  security: {
    // A Content-Security-Policy as a <meta http-equiv> in every page's head (a static host's
    // headers are not ours). Astro computes, at build time, the hashes of every script and style
    // it renders inline (the island runtime, Starlight's theme script), so scripts run only from
    // the site itself or by hash; 'wasm-unsafe-eval' lets WebAssembly compile (the built-in
    // model's kernels, TensorFlow.js), nothing else may eval. Style attributes stay allowed
    // (KaTeX sizes its glyphs with them); style elements need a hash or the site's own files.
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        `connect-src 'self' ${webllmHosts().join(' ')}`,
        "worker-src 'self' blob:",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkBaseLinks({ base })],
      rehypePlugins: [rehypeKatex],
    }),
  },
  vite: {
    // ES-module workers split their dependencies into chunks, so the training lab loads a
    // tfjs backend only when it is used (the iife default inlines everything into one file).
    worker: { format: 'es' },
  },
  integrations: [
    starlight({
      title: { 'zh-CN': '基座模型是怎么工作的', en: 'How a Base Model Works' },
      description: 'What a base language model really does, with live widgets you can touch.',
      defaultLocale: 'zh',
      locales: {
        zh: { label: '简体中文', lang: 'zh-CN' },
        en: { label: 'English', lang: 'en' },
      },
      // Starlight's asides (:::note) only run on folders it processes; our chapters live in content/docs.
      markdown: { processedDirs: ['./content/docs'] },
      // Wrap long command lines: at 360 px a scrolling code block is a keyboard trap for axe.
      // Starlight finds a code block's language from src/content/docs/<locale>/; our pages live in
      // content/docs/, so without this every copy button said 复制到剪贴板, English pages too.
      // (src/content/i18n/en.json repeats the English button texts: Expressive Code applies the
      // default locale's texts to every language that has no texts of its own.)
      expressiveCode: {
        defaultProps: { wrap: true },
        getBlockLocale: ({ file }) => (/[\\/]content[\\/]docs[\\/]en[\\/]/.test(file.path) ? 'en' : 'zh-CN'),
      },
      routeMiddleware: './src/route-middleware.ts',
      // Search loads the Pagefind UI when the reader reaches for it, not on every page's idle.
      components: { Search: './src/components/search/Search.astro' },
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      sidebar: [
        {
          label: '章节',
          translations: { en: 'Chapters' },
          items: [
            { slug: '01-why-it-talks' },
            { slug: '02-lossy-compression' },
            { slug: '03-not-packed-inside' },
            { slug: '04-orders-of-magnitude' },
            { slug: '05-library-and-exam' },
            { slug: '06-conclusions' },
          ],
        },
        {
          label: '动手',
          translations: { en: 'Hands on' },
          items: [{ slug: 'playground' }, { slug: 'built-in-model' }],
        },
        {
          label: '参考',
          translations: { en: 'Reference' },
          items: [{ slug: 'glossary' }, { slug: 'references' }],
        },
      ],
    }),
    preact(),
    // GGUF and ONNX exports of the built-in models, written into the build (issue #18).
    modelExports(),
    // Last: hashes the inline scripts Astro did not (Starlight's theme script) and moves the
    // policy to the top of every page's <head>.
    cspComplete(),
  ],
});
