/**
 * The command-line contract (design.md): `npm run --silent cli -- <command> …` prints JSON on
 * stdout; bad input prints one `error:` line on stderr and exits 1, never a stack trace.
 *
 * Each command lives in src/cli/<command>.ts and exports `run(args)`, so features add commands
 * without editing this file. Shared pieces (UsageError) live in src/cli/_usage.ts.
 */

import { UsageError, type CliCommand } from './cli/_usage.ts';

const COMMAND_NAME = /^[a-z][a-z-]*$/;

/** Runs one command line and returns the exit code; output goes to the given writers. */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (!name || !COMMAND_NAME.test(name)) throw new UsageError(`usage: cli <command> [args…]`);
    let command: CliCommand;
    try {
      command = (await import(`./cli/${name}.ts`)) as CliCommand;
    } catch (e) {
      if (isModuleNotFound(e)) throw new UsageError(`unknown command "${name}"`);
      throw e;
    }
    const result = await command.run(args, { err });
    out(`${toJson(result)}\n`);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    err(`error: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

/** JSON.stringify, with BigInt values written as exact integers (JSON has no size limit on numbers). */
export function toJson(value: unknown): string {
  const raw = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? raw(v.toString()) : v));
}

/**
 * A closed stdout or stderr (`cli models | head -1`, `| true`) is the reader saying "enough":
 * exit quietly with the status so far instead of an unhandled 'error' event and a stack trace.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    else throw e;
  });
}

function isModuleNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'ERR_MODULE_NOT_FOUND' &&
    'message' in e && String(e.message).includes('/src/cli/');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  process.exitCode = await main(process.argv.slice(2));
}
