import { afterEach, describe, expect, test, vi } from 'vitest';
import { runTool } from '../../../src/tools/run-tool.ts';

const url = 'file:///repo/src/tools/some-tool.ts';
const argv = ['/usr/bin/node', '/repo/src/tools/some-tool.ts', '--flag', 'x'];

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('runTool', () => {
  test('runs main with the arguments only when node was started on that file', async () => {
    const main = vi.fn();
    await runTool(url, main, argv);
    expect(main).toHaveBeenCalledWith(['--flag', 'x']);
    expect(runTool('file:///repo/src/tools/other.ts', main, argv)).toBeUndefined();
    expect(main).toHaveBeenCalledTimes(1);
  });

  test('a thrown error, sync or async, becomes one line on stderr and exit status 1', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runTool(url, () => { throw new Error('no such file: x.json'); }, argv);
    expect(err).toHaveBeenLastCalledWith('error: no such file: x.json');
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    await runTool(url, async () => { throw new Error('late'); }, argv);
    expect(err).toHaveBeenLastCalledWith('error: late');
    expect(process.exitCode).toBe(1);
  });
});
