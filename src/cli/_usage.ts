/** Shared by every command module in src/cli/ (the leading underscore keeps it from being a command). */

/** Thrown by a command for input the user can fix; the CLI prints it as one `error:` line. */
export class UsageError extends Error {}

/** What a command may use besides its arguments: a writer for progress lines (stderr). */
export interface CliIo {
  err(s: string): void;
}

/** A command module: takes the arguments after its name, returns what to print as JSON. */
export interface CliCommand {
  run(args: string[], io?: CliIo): Promise<unknown>;
}
