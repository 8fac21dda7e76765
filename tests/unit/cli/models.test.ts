import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, setUpFixtureModels } from '../../fixtures/cli-models.ts';

let fixture: ReturnType<typeof setUpFixtureModels>;
beforeAll(() => { fixture = setUpFixtureModels(); });
afterAll(() => fixture.cleanup());

describe('cli models', () => {
  test('lists every model with its folder, parameters, dtype and file size', async () => {
    const { code, json } = await cli('models');
    expect(code).toBe(0);
    expect(json.map((m: { id: string }) => m.id)).toEqual(['fx', 'fx-q4']);
    for (const m of json) {
      expect(Object.keys(m).sort()).toEqual(['bytes', 'dir', 'dtype', 'id', 'params']);
      expect(resolve(m.dir)).toBe(join(fixture.dir, m.id));
      expect(m.bytes).toBe(statSync(join(fixture.dir, m.id, 'model.safetensors')).size);
    }
    expect(json[1].bytes).toBeLessThan(json[0].bytes / 4);
  });

  test('takes no arguments', async () => {
    const { code, stderr } = await cli('models', 'extra');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: usage: cli models/);
  });

  test('as a process: JSON on stdout and exit 0, or one error line on stderr and exit 1', () => {
    const node = process.execPath;
    const ok = spawnSync(node, ['--no-warnings', 'src/cli.ts', 'models'], { env: { ...process.env }, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)[0].id).toBe('fx');
    const bad = spawnSync(node, ['--no-warnings', 'src/cli.ts', 'next', '--model', 'nope', 'x'], { env: { ...process.env }, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('error: unknown model "nope"; known models: fx, fx-q4\n');
  });
});
