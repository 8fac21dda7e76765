/**
 * The real-model panel and the base-vs-instruct view (WebLLM), in Chromium. No test downloads
 * weights: WebGPU comes from SwiftShader, and every request to the model hosts is intercepted with
 * `page.route` (which also sees the worker's requests) to drive progress, cancel, 404, a download
 * cut off mid-file and a full disk.
 */
import type { Page, Route } from '@playwright/test';
import { axe, expect, LANGS, test, waitForIsland, waitForIslands } from './fixtures.ts';
import { WEBLLM_WORKER_CHUNK, webllmStubWorker, type StubConfig, type StubModel } from './webllm-stub/stub.ts';

// Independent tests (each page intercepts its own requests); spread over both workers.
test.describe.configure({ mode: 'parallel' });

// WebGPU on for the whole file (playwright.config.ts's chromium-webgpu project); the no-WebGPU
// tests hide navigator.gpu instead, as a browser without it would.

/** The chapter the panel and the comparison are mounted in. */
const chapter = (lang: string) => `${lang}/01-why-it-talks/`;
const MODEL_HOSTS = /^https:\/\/(huggingface\.co|raw\.githubusercontent\.com)\//;
/** The worker chunk that carries the 6 MB library. */
const WORKER_CHUNK = WEBLLM_WORKER_CHUNK;
const CORS = { 'access-control-allow-origin': '*' };
/** SwiftShader has no shader-f16, so phi-1.5 loads as q4f32_1. */
const PHI = 'https://huggingface.co/mlc-ai/phi-1_5-q4f32_1-MLC/resolve/main/';

/** A config big enough for the progress bar to show bytes (WebLLM only parses it as JSON here). */
const CONFIG = JSON.stringify({ vocab_size: 51200, context_window_size: 2048, padding: 'x'.repeat(300_000) });

async function openPanel(page: Page, lang: string) {
  await page.goto(chapter(lang));
  const panel = page.getByTestId('webllm-panel');
  await waitForIsland(panel);
  await waitForIslands(page);
  await expect(panel.getByTestId('webllm-facts')).toBeVisible();
  return panel;
}

/** Records every request to the model hosts (after routing, so nothing leaves the machine). */
function recordModelRequests(page: Page) {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (MODEL_HOSTS.test(r.url())) seen.push(r.url());
  });
  return seen;
}

/** Serves the model hosts with `handler`; anything it does not handle is a 404. */
async function routeModelHosts(page: Page, handler: (route: Route, url: string) => Promise<boolean>) {
  await page.route(MODEL_HOSTS, async (route) => {
    const url = route.request().url();
    if (!(await handler(route, url))) await route.fulfill({ status: 404, headers: CORS, body: 'Not found' });
  });
}

/**
 * The model the stub worker plays (tests/e2e/webllm-stub): the real worker handler over a fake
 * model, so the page's real code (client, panel, comparison) is driven through a successful load,
 * generation and X-ray without weights or a GPU. After any prompt it expects " pork" (logit 2) and
 * " belly" (logit 1); the other 31,998 tokens together weigh as much as one token of logit 0.
 */
const KITCHEN: StubModel = {
  vocabSize: 32_000,
  firstId: 0,
  next: { top: [[' pork', 2], [' belly', 1]], restLogSumExp: 0 },
  completion: { text: ' How do I make red-cooked fish?', finishReason: 'length' },
  chatAnswer: 'Cut the pork belly into cubes.',
};

/** Serves the stub worker in place of the WebLLM chunk; returns how many workers were started. */
async function stubWorker(page: Page, failures: Omit<StubConfig, 'model'> = {}) {
  const started = { workers: 0 };
  const body = await webllmStubWorker({ model: KITCHEN, ...failures });
  await page.route(WORKER_CHUNK, (route) => {
    started.workers++;
    return route.fulfill({ contentType: 'text/javascript', body });
  });
  return started;
}

const loadButton = (panel: ReturnType<Page['getByTestId']>) =>
  panel.getByRole('button', { name: /Download and load|下载并加载|Load .* from the cache|从缓存加载/ });

test.describe('without WebGPU', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    });
  });

  for (const lang of LANGS) {
    test(`explains, links to browser support and keeps the built-in model (${lang})`, async ({ page }) => {
      const panel = await openPanel(page, lang);
      await expect(panel.getByTestId('webllm-webgpu')).toHaveText(lang === 'zh' ? '没有' : 'no');
      const notice = panel.getByTestId('webllm-failure');
      await expect(notice).toHaveAttribute('data-code', 'no-webgpu');
      await expect(notice).toContainText(lang === 'zh' ? '内置小模型' : 'built-in model');
      await expect(notice.getByRole('link')).toHaveAttribute('href', 'https://caniuse.com/webgpu');
      await expect(panel.getByTestId('webllm-recommendation')).toContainText(lang === 'zh' ? '没有能运行' : 'No model can run');
      await expect(loadButton(panel)).toBeDisabled();
      const compare = page.getByTestId('base-vs-instruct');
      await waitForIsland(compare);
      await expect(compare.getByTestId('webllm-failure')).toHaveAttribute('data-code', 'no-webgpu');
    });
  }
});

test.describe('with WebGPU (SwiftShader)', () => {
  test('preflight: adapter, no shader-f16 so q4f32_1, sizes, a recommendation, and nothing fetched', async ({ page }) => {
    const requests = recordModelRequests(page);
    const panel = await openPanel(page, 'en');
    await expect(panel.getByTestId('webllm-webgpu')).toHaveText('yes, but only a software emulation (very slow)');
    await expect(panel.getByTestId('webllm-adapter')).toContainText(/swiftshader/i);
    await expect(panel.getByTestId('webllm-f16')).toHaveText('no');
    const phi = panel.locator('[data-testid="webllm-model"][data-key="phi-1_5"]');
    await expect(phi).toContainText('q4f32_1');
    await expect(phi).toContainText('≈ 890 MB'); // 1.42B × 5 bits / 8 + tokenizer
    await expect(phi).toContainText(/software WebGPU/);
    await expect(panel.getByTestId('webllm-recommendation')).toContainText('phi-1.5');
    await expect(loadButton(panel)).toHaveText('Download and load phi-1.5 (≈ 890 MB)');
    await expect(page.getByTestId('base-vs-instruct').getByRole('button', { name: /Download and load both/ })).toBeVisible();
    expect(requests).toEqual([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`at 360 px in Chinese, ${theme} theme: no overflow, no axe violations`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.setViewportSize({ width: 360, height: 800 });
      const panel = await openPanel(page, 'zh');
      await expect(loadButton(panel)).toHaveText('下载并加载 phi-1.5（约 890 MB）');
      await page.getByTestId('base-vs-instruct').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('base-vs-instruct').getByRole('button', { name: /下载并加载两个模型/ })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const results = await axe(page)
        .include('[data-testid="webllm-panel"]')
        .include('[data-testid="base-vs-instruct"]')
        .withTags(['wcag2a', 'wcag2aa'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  }

  test('the keyboard alone picks another model', async ({ page }) => {
    const panel = await openPanel(page, 'en');
    await panel.getByRole('radio', { name: /phi-1\.5/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(panel.getByRole('radio', { name: /phi-2/ })).toBeChecked();
    await expect(loadButton(panel)).toHaveText(/^Download and load phi-2 \(≈ 1\.74 GB\)$/);
  });

  test('a full disk: the preflight says so before anything downloads', async ({ page }) => {
    await page.addInitScript(() => {
      StorageManager.prototype.estimate = async () => ({ quota: 1e9, usage: 0.9e9 });
    });
    const panel = await openPanel(page, 'en');
    await expect(panel.getByTestId('webllm-storage')).toHaveText('100 MB');
    const phi = panel.locator('[data-testid="webllm-model"][data-key="phi-1_5"]');
    await expect(phi).toHaveAttribute('data-verdict', 'fail');
    await expect(phi).toContainText('Needs 890 MB of storage; only 100 MB is free.');
    await expect(loadButton(panel)).toBeDisabled();
  });

  test('cached models are listed with their size and can be deleted', async ({ page }) => {
    await page.goto(chapter('en'));
    await page.evaluate(async (base) => {
      const model = await caches.open('webllm/model');
      await model.put(`${base}params_shard_0.bin`, new Response(new Uint8Array(1_234_000)));
      const manifest = { records: [{ dataPath: 'params_shard_0.bin', nbytes: 1_234_000 }] };
      await model.put(`${base}tensor-cache.json`, new Response(JSON.stringify(manifest)));
      const config = await caches.open('webllm/config');
      await config.put(`${base}mlc-chat-config.json`, new Response('{}'));
    }, PHI);
    const panel = await openPanel(page, 'en');
    const list = panel.getByTestId('webllm-cached');
    await expect(list.getByRole('listitem')).toHaveText(/phi-1\.5 q4f32_1 · 1\.23 MB/);
    // every shard its manifest lists is cached: it loads without the network
    await expect(panel.locator('[data-testid="webllm-model"][data-key="phi-1_5"]')).toContainText('cached');
    await expect(loadButton(panel)).toHaveText('Load phi-1.5 from the cache');
    await list.getByRole('button', { name: 'Delete phi-1.5' }).click();
    await expect(loadButton(panel)).toHaveText('Download and load phi-1.5 (≈ 890 MB)');
    await expect(list).toContainText('Deleted the cached copy of phi-1.5.');
    await expect(list).toContainText('No model is cached in this browser yet.');
    const left = await page.evaluate(async () => (await (await caches.open('webllm/model')).keys()).length);
    expect(left).toBe(0);
  });
});

test.describe('with WebGPU, downloads intercepted', () => {
  test.use({ strictPage: false });

  test('a missing file (404) is named, with advice', async ({ page }) => {
    await routeModelHosts(page, async () => false);
    const panel = await openPanel(page, 'en');
    await loadButton(panel).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'not-found', { timeout: 30_000 });
    await expect(notice).toContainText(`${PHI}mlc-chat-config.json`);
    await expect(notice).toContainText('Model file not found (404)');
  });

  test('progress shows percent and bytes; cancel stops at once and keeps finished files', async ({ page }) => {
    let wasmRequested = 0;
    await routeModelHosts(page, async (route, url) => {
      if (url.endsWith('mlc-chat-config.json')) {
        await route.fulfill({ status: 200, headers: { ...CORS, 'content-type': 'application/json' }, body: CONFIG });
        return true;
      }
      if (url.endsWith('.wasm')) {
        wasmRequested++;
        return new Promise<boolean>(() => {}); // the model library never arrives
      }
      return false;
    });
    const panel = await openPanel(page, 'en');
    await loadButton(panel).click();
    const progress = panel.getByTestId('webllm-progress');
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByTestId('webllm-progress-text')).toHaveText(/^\d+% · 300 KB of ≈ 890 MB/, { timeout: 30_000 });
    await expect(panel.getByRole('progressbar')).toHaveAttribute('aria-valuetext', /300 KB/);
    await expect.poll(() => wasmRequested).toBe(1);
    await progress.getByRole('button', { name: 'Cancel download' }).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'cancelled');
    await expect(notice).toHaveAttribute('role', 'status');
    await expect(panel.getByRole('button', { name: 'Resume download' })).toBeVisible();
    // the finished config is cached; the unfinished library is not
    const cached = await page.evaluate(async () => {
      const names = ['webllm/config', 'webllm/wasm'];
      const urls: string[] = [];
      for (const n of names) if (await caches.has(n)) for (const r of await (await caches.open(n)).keys()) urls.push(r.url);
      return urls;
    });
    expect(cached).toEqual([`${PHI}mlc-chat-config.json`]);
  });

  test('a download cut off mid-file is never used, and resuming fetches only what is missing', async ({ page }) => {
    const fetched: string[] = [];
    let cutOff = true;
    await routeModelHosts(page, async (route, url) => {
      fetched.push(url.split('/').pop() ?? url);
      if (url.endsWith('mlc-chat-config.json')) {
        await route.fulfill({ status: 200, headers: { ...CORS, 'content-type': 'application/json' }, body: CONFIG });
        return true;
      }
      if (url.endsWith('.wasm') && cutOff) {
        // The server promises 5 MB and sends 1 KB: the connection "breaks" mid-file.
        await route.fulfill({
          status: 200,
          headers: { ...CORS, 'content-type': 'application/wasm', 'content-length': '5000000' },
          body: Buffer.alloc(1000),
        });
        return true;
      }
      return false;
    });
    const panel = await openPanel(page, 'en');
    await loadButton(panel).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'network', { timeout: 30_000 });
    await expect(notice).toContainText('phi-1_5-q4f32_1_cs1k-webgpu.wasm');
    const wasmCached = await page.evaluate(async () => (await caches.has('webllm/wasm')) && (await (await caches.open('webllm/wasm')).keys()).length > 0);
    expect(wasmCached).toBe(false);
    cutOff = false;
    fetched.length = 0;
    await panel.getByRole('button', { name: 'Resume download' }).click();
    await expect(notice).toHaveAttribute('data-code', 'not-found', { timeout: 30_000 });
    expect(fetched).toEqual(['phi-1_5-q4f32_1_cs1k-webgpu.wasm']); // the config came from the cache
  });

  test('quota exceeded while downloading: says how much is needed and offers the cached models', async ({ page, baseURL }) => {
    // The browser really has 10 KB; the estimate the page sees claims plenty, as estimates can.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 10_000 });
    await page.addInitScript(() => {
      StorageManager.prototype.estimate = async () => ({ quota: 50e9, usage: 0 });
    });
    await routeModelHosts(page, async (route, url) => {
      if (!url.endsWith('mlc-chat-config.json')) return false;
      await route.fulfill({ status: 200, headers: { ...CORS, 'content-type': 'application/json' }, body: CONFIG });
      return true;
    });
    const panel = await openPanel(page, 'zh');
    await loadButton(panel).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'quota', { timeout: 30_000 });
    await expect(notice).toContainText('还需要约 890 MB');
    await expect(notice).toContainText('删除下面已缓存的模型');
  });

  test('a worker that dies is reported, and Restart starts a new one', async ({ page }) => {
    let broken = true;
    await page.route(WORKER_CHUNK, async (route) => {
      if (broken) await route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("boom")' });
      else await route.continue();
    });
    await routeModelHosts(page, async () => false);
    const panel = await openPanel(page, 'en');
    await loadButton(panel).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'worker-died', { timeout: 30_000 });
    broken = false;
    await panel.getByRole('button', { name: 'Restart' }).click();
    // the new worker runs and gets as far as the (missing) config
    await expect(notice).toHaveAttribute('data-code', 'not-found', { timeout: 30_000 });
  });

  test('once loaded: the panel continues a text and shows next-token probabilities (stub worker)', async ({ page }) => {
    await stubWorker(page);
    const panel = await openPanel(page, 'en');
    await loadButton(panel).click();
    const play = panel.getByTestId('webllm-play');
    await expect(play.getByRole('status')).toContainText('phi-1.5 (q4f32_1) is ready');
    await expect(loadButton(panel)).toHaveCount(0);
    await play.getByRole('button', { name: 'Continue' }).click();
    await expect(play).toContainText('How do I make braised pork belly? How do I make red-cooked fish?');
    await play.getByRole('button', { name: 'Show next-token probabilities' }).click();
    // logits 2 and 1, the rest weighing e⁰: 66.5%, 24.5%, and 9.0% for the rest; the panel lists
    // the ten most likely (the other eight are nearly 0) and sums everything below them.
    // Tokens are written as everywhere on the site: ␣ marks the space a token starts with.
    const items = play.getByRole('listitem');
    await expect(items).toHaveCount(10);
    await expect(items.nth(0)).toHaveText('␣pork 66.5%');
    await expect(items.nth(1)).toHaveText('␣belly 24.5%');
    await expect(items.nth(2)).toContainText('0.0%');
    await expect(play).toContainText('All other tokens together: 9.0%');
    await play.getByRole('button', { name: 'Free GPU memory' }).click();
    await expect(loadButton(panel)).toBeVisible();
  });

  test('a host never reached: "unreachable", and the zh page explains the mirror for mainland China', async ({ page }) => {
    await page.route(MODEL_HOSTS, (route) => route.abort('namenotresolved'));
    const panel = await openPanel(page, 'zh');
    await loadButton(panel).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'unreachable', { timeout: 30_000 });
    await expect(notice).toContainText('连不上模型服务器');
    await expect(notice).toContainText('中国大陆');
    await expect(notice).toContainText('PUBLIC_WEBLLM_MODEL_BASE');
    await expect(notice.getByRole('button', { name: '继续下载' })).toBeVisible();
  });

  test('GPU lost after the load: "reload the model", and the button really loads again (stub worker)', async ({ page }) => {
    // WebLLM's error once the GPU is gone; the handler turns it into "lost after the load".
    const lost = { name: 'ModelNotLoadedError', message: 'Model not loaded before trying to complete' };
    const started = await stubWorker(page, { failNext: lost });
    const panel = await openPanel(page, 'en');
    await loadButton(panel).click();
    const play = panel.getByTestId('webllm-play');
    await expect(play.getByRole('status')).toContainText('is ready');
    await play.getByRole('button', { name: 'Show next-token probabilities' }).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'device-lost-loaded');
    await expect(notice).toContainText('The GPU connection was lost: reload the model');
    await notice.getByRole('button', { name: 'Reload the model' }).click();
    await expect(play.getByRole('status')).toContainText('is ready');
    expect(started.workers).toBe(2);
  });

  test('device lost: the page survives and offers the smaller model (stub worker)', async ({ page }) => {
    const lost = { name: 'DeviceLostError', message: 'The WebGPU device was lost while loading the model.' };
    await stubWorker(page, { failLoad: lost });
    const panel = await openPanel(page, 'zh');
    await panel.getByRole('radio', { name: /phi-2/ }).check();
    await loadButton(panel).click();
    const notice = panel.getByTestId('webllm-failure');
    await expect(notice).toHaveAttribute('data-code', 'device-lost');
    await expect(notice).toContainText('显卡停止了响应');
    await notice.getByRole('button', { name: '改用更小的 phi-1.5' }).click();
    await expect(panel.getByRole('radio', { name: /phi-1\.5/ })).toBeChecked();
    await expect(loadButton(panel)).toHaveText('下载并加载 phi-1.5（约 890 MB）');
  });

  test('base vs instruct: raw continuation beside the chat answer, and the X-ray of the template (stub worker)', async ({ page }) => {
    await stubWorker(page);
    await page.goto(chapter('en'));
    const compare = page.getByTestId('base-vs-instruct');
    await waitForIsland(compare);
    await waitForIslands(page);
    await compare.getByRole('button', { name: /Download and load both models/ }).click();
    await compare.getByRole('button', { name: 'Send to both models' }).click();
    await expect(compare.getByTestId('bvi-base')).toContainText('How do I make braised pork belly? How do I make red-cooked fish?');
    await expect(compare.getByTestId('bvi-instruct')).toContainText('Cut the pork belly into cubes.');
    const xray = compare.getByTestId('bvi-xray');
    await expect(xray).toHaveAttribute('open', '');
    // The stub's tokenizer splits words: the reader's text is seven tokens inside the template.
    await expect(xray.locator('.bvi-tokens .bvi-tok.is-user')).toHaveText(['How', '␣do', '␣I', '␣make', '␣braised', '␣pork', '␣belly?']);
    await expect(xray.locator('.bvi-tokens .bvi-tok.is-special')).toHaveText(['<|im_start|>', '<|im_end|>', '<|im_start|>']);
    await expect(xray.locator('pre')).toHaveText('<|im_start|>user\nHow do I make braised pork belly?<|im_end|>\n<|im_start|>assistant\n');
  });

  test('base vs instruct: one click loads both, failures are explained per model', async ({ page }) => {
    const requests = recordModelRequests(page);
    await routeModelHosts(page, async () => false);
    await page.goto(chapter('en'));
    const compare = page.getByTestId('base-vs-instruct');
    await waitForIsland(compare);
    await waitForIslands(page);
    await expect(compare.getByRole('radio', { name: /phi-1\.5 ↔ Qwen2\.5 0\.5B Instruct/ })).toBeChecked();
    expect(requests).toEqual([]);
    await compare.getByRole('button', { name: /Download and load both models/ }).click();
    await expect(compare.getByTestId('webllm-failure')).toHaveAttribute('data-code', 'not-found', { timeout: 30_000 });
    expect(requests[0]).toBe(`${PHI}mlc-chat-config.json`);
  });
});

test.describe('bundle', () => {
  test.use({ strictPage: false });

  // layout.spec.ts hydrates every island of every page in both languages and checks that none
  // fetched the chunk; here, the reader's click does.
  test('the WebLLM worker chunk is fetched when the reader asks for the real model, not before', async ({ page }) => {
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (WORKER_CHUNK.test(r.url())) chunks.push(`${r.url()} @ ${page.url()}`);
    });
    await routeModelHosts(page, async () => false);
    const panel = await openPanel(page, 'en');
    expect(chunks).toEqual([]);
    await loadButton(panel).click();
    await expect.poll(() => chunks.length).toBeGreaterThan(0);
  });
});
