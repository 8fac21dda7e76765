/**
 * How every build-time tool starts: `runTool(import.meta.url, main)` at the end of its file runs
 * `main(argv)` only when node was started on that file (not when a test or another tool imports
 * it), and turns a thrown error, sync or async, into one line, `error: …`, and exit status 1: a
 * user's mistake (a missing file, a bad argument) reads as a message, not a stack trace.
 */
export function runTool(moduleUrl: string, main: (args: string[]) => void | Promise<void>, argv: readonly string[] = process.argv): Promise<void> | undefined {
  if (moduleUrl !== `file://${argv[1]}`) return undefined;
  const fail = (e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  };
  try {
    return Promise.resolve(main(argv.slice(2))).catch(fail);
  } catch (e) {
    fail(e);
    return Promise.resolve();
  }
}
