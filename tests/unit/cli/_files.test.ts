/**
 * Nothing lost, nothing hangs (#17 points 1, 2, 4): OUT is replaced only by a complete file, never
 * written over IN; pipes and devices are refused instead of read forever; a closed stdout ends the
 * command quietly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileAtomic, readRegularFile } from '../../../src/cli/_files.ts';
import { progressReporter } from '../../../src/cli/_coding.ts';
import { cli, setUpFixtureModels } from '../../fixtures/cli-models.ts';

let fixture: ReturnType<typeof setUpFixtureModels>;
let dir: string;
beforeAll(() => {
  fixture = setUpFixtureModels();
  dir = mkdtempSync(join(tmpdir(), 'cli-files-'));
});
afterAll(() => {
  fixture.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const notUtf8 = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i % 2 ? 0xff : 0x41));

describe('point 1: OUT is never truncated and IN is never overwritten', () => {
  test('compress f f is refused and f keeps its bytes (also through a hard link and a symlink)', async () => {
    const f = join(dir, 'only-copy.txt');
    writeFileSync(f, 'the only copy of this text');
    linkSync(f, join(dir, 'hard.txt'));
    symlinkSync(f, join(dir, 'soft.txt'));
    for (const out of [f, join(dir, 'hard.txt'), join(dir, 'soft.txt'), join(dir, '.', 'only-copy.txt')]) {
      for (const command of ['compress', 'decompress']) {
        const r = await cli(command, '--model', 'fx', f, out);
        expect(r.code, `${command} → ${out}`).toBe(1);
        expect(r.stderr).toMatch(/^error: IN and OUT are the same file/);
      }
    }
    expect(readFileSync(f, 'utf8')).toBe('the only copy of this text');
  });

  test("OUT's folder is checked before the work", async () => {
    const input = join(dir, 'in.txt');
    writeFileSync(input, 'hello');
    const r = await cli('compress', '--model', 'fx', input, join(dir, 'no-such-folder', 'out.lmac'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*out\.lmac: its folder .*no-such-folder does not exist/);
  });

  test('a write that fails (file-size limit) leaves an existing OUT as it was and no temporary file', () => {
    const sub = mkdtempSync(join(dir, 'limit-'));
    const input = join(sub, 'big.bin');
    writeFileSync(input, notUtf8(8192)); // stored verbatim: 8 KB of output, no model work
    const out = join(sub, 'out.lmac');
    writeFileSync(out, 'previous contents');
    // ulimit -f counts 1024-byte blocks: 2 KB lets the process start but not write 8 KB.
    const r = spawnSync('bash', ['-c', `ulimit -f 2; exec "${process.execPath}" --no-warnings src/cli.ts compress --model fx "${input}" "${out}"`], {
      env: { ...process.env, TINYLM_MODELS_DIR: fixture.dir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: cannot write .*out\.lmac \(EFBIG\); nothing was changed there\n$/);
    expect(readFileSync(out, 'utf8')).toBe('previous contents');
    expect(readdirSync(sub).sort()).toEqual(['big.bin', 'out.lmac']);
  });

  test('writeFileAtomic replaces a file whole', async () => {
    const out = join(dir, 'atomic.bin');
    writeFileSync(out, 'old');
    await writeFileAtomic(out, Uint8Array.of(1, 2, 3));
    expect(new Uint8Array(readFileSync(out))).toEqual(Uint8Array.of(1, 2, 3));
  });
});

describe('point 2: nothing waits forever or grows without bound', () => {
  test('a named pipe, a device and a folder are refused at once by every command that reads a file', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const [path, kind] of [[fifo, 'a named pipe'], ['/dev/zero', 'a device'], [dir, 'a folder']] as const) {
      for (const args of [['inspect', path], ['params', path], ['compress', '--model', 'fx', path, join(dir, 'x.lmac')], ['decompress', '--model', 'fx', path, join(dir, 'x.out')]]) {
        const r = await cli(...args);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr, args.join(' ')).toContain(`is not a regular file (${kind})`);
      }
    }
    expect(existsSync(join(dir, 'x.lmac'))).toBe(false);
  });

  test('an input above the cap is refused with its size and the cap', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, 'x');
    await expect(readRegularFile(big, 0)).rejects.toThrow(/big\.json is 1 bytes; this command reads at most 0 bytes/);
  });

  test('decompress refuses a 23-byte file that claims 2^40 tokens', async () => {
    const input = join(dir, 'hostile.lmac');
    // "LMAC", version 1, mode 1, id "fx", varint 2^40, CRC 0, a 4-byte payload.
    const count = [0x80, 0x80, 0x80, 0x80, 0x80, 0x20];
    writeFileSync(input, Uint8Array.of(0x4c, 0x4d, 0x41, 0x43, 1, 1, 2, 0x66, 0x78, ...count, 0, 0, 0, 0, 1, 2, 3, 4, 5));
    const r = await cli('decompress', '--model', 'fx', input, join(dir, 'hostile.out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*hostile\.lmac: the header claims 1099511627776 tokens, but 5 bytes of payload can hold at most \d+/);
    expect(existsSync(join(dir, 'hostile.out'))).toBe(false);
  });
});

describe('point 3: progress on stderr for long inputs', () => {
  test('silent below 10,000 tokens; at most one line per 2 s, and the last one, above', () => {
    let t = 0;
    const lines: string[] = [];
    const report = progressReporter('compress', { err: (s) => lines.push(s) }, () => t);
    for (let i = 1; i <= 100; i++) report(i, 100);
    expect(lines).toEqual([]);
    for (let i = 1; i <= 20_000; i++) {
      t += 0.5; // 2,000 tokens a second
      report(i, 20_000);
    }
    expect(lines.length).toBe(5); // at 2, 4, 6 and 8 s, then the end at 10 s
    expect(lines[0]).toBe('compress: 4,000 of 20,000 tokens (20%), 2,000 tokens/s, about 8 s left\n');
    expect(lines.at(-1)).toBe('compress: 20,000 of 20,000 tokens (100%), 2,000 tokens/s\n');
  });
});

describe('point 4: a closed stdout ends the command quietly', () => {
  test('`cli models | true` exits 0 with nothing on stderr', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" --no-warnings src/cli.ts models | (exec 0<&-; true); echo "status \${PIPESTATUS[0]}"`], {
      env: { ...process.env, TINYLM_MODELS_DIR: fixture.dir },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 0\n');
  });
});
