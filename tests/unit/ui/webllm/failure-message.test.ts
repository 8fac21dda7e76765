import { describe, expect, test } from 'vitest';
import type { FailureCode } from '../../../../src/lib/webllm/errors.ts';
import { describeFailure } from '../../../../src/ui/webllm/failure-message.ts';
import { strings } from '../../../../src/ui/webllm/webllm.strings.ts';

const codes: FailureCode[] = [
  'no-webgpu', 'no-shader-f16', 'not-found', 'http', 'network', 'unreachable', 'cancelled', 'quota',
  'device-lost', 'device-lost-loaded', 'no-adapter', 'gpu-limits', 'context-window', 'storage-blocked',
  'worker-died', 'unknown',
];

describe('describeFailure', () => {
  test('each new failure kind has its own title in both languages, not the "unknown" one', () => {
    for (const lang of ['zh', 'en'] as const) {
      const t = strings[lang];
      const titles = codes.map((code) => describeFailure({ code, detail: 'd' }, t).title);
      expect(new Set(titles).size).toBe(codes.length);
    }
  });

  test('an unreachable host: the zh page names the mainland-China problem and the mirror setting', () => {
    const failure = { code: 'unreachable' as const, detail: 'd', url: 'https://huggingface.co/m/resolve/main/a.json' };
    const zh = describeFailure(failure, strings.zh);
    expect(zh.title).toBe('连不上模型服务器');
    expect(zh.body).toContain('中国大陆');
    expect(zh.body).toContain('PUBLIC_WEBLLM_MODEL_BASE');
    expect(zh.body).toContain('docs/webllm.md');
    const en = describeFailure(failure, strings.en);
    expect(en.title).toBe('The model server could not be reached');
    expect(en.body).toContain('PUBLIC_WEBLLM_MODEL_BASE');
    expect(en.body).not.toContain('interrupted');
  });

  test('device lost after load tells the reader to reload, in both languages', () => {
    expect(describeFailure({ code: 'device-lost-loaded', detail: 'd' }, strings.zh).body).toContain('重新加载');
    expect(describeFailure({ code: 'device-lost-loaded', detail: 'd' }, strings.en).title).toContain('reload');
  });

  test('a private window (SecurityError) and small GPU limits are explained', () => {
    expect(describeFailure({ code: 'storage-blocked', detail: 'd' }, strings.zh).body).toContain('无痕');
    expect(describeFailure({ code: 'gpu-limits', detail: 'd' }, strings.en).body).toContain('driver');
  });
});
