/**
 * Files for the commands, read and written so that bad input loses nothing and never hangs:
 * only regular files are read (a FIFO or a device would block or never end), inputs are capped,
 * and an output appears only complete: it is written to a temporary file beside OUT and renamed
 * over it, so a failed write (disk full, size limit, a crash) leaves any existing OUT untouched.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './_usage.ts';

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
}

/** "1.5 MB"-style size for messages. */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * Reads a regular file of at most `maxBytes` bytes. A missing file, a folder, a pipe or a device,
 * or a file above the cap is a UsageError that names the path. The file is opened without
 * blocking (O_NONBLOCK), so a named pipe with no writer is refused instead of waiting forever.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`cannot read ${path} (${codeOf(e)})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UsageError(`${path} is not a regular file (${kindOf(info)})`);
    if (info.size > maxBytes) {
      throw new UsageError(`${path} is ${formatBytes(info.size)}; this command reads at most ${formatBytes(maxBytes)}`);
    }
    // Read at most maxBytes + 1: a file that grows while we read is caught, not followed forever.
    const buf = new Uint8Array(Math.min(info.size, maxBytes) + 1);
    let at = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, at, buf.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      if (at === buf.length) throw new UsageError(`${path} grew while it was read; this command reads at most ${formatBytes(maxBytes)}`);
    }
    return buf.subarray(0, at);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path} (${codeOf(e)})`);
  } finally {
    await handle.close();
  }
}

/** Opens a regular file for ranged reads (safetensors headers); refuses pipes and devices. */
export async function openRegularFile(path: string) {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`cannot open ${path}: ${codeOf(e)}`);
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new UsageError(`${path} is not a regular file (${kindOf(info)})`);
  }
  return { handle, size: info.size };
}

function kindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a plain file';
}

/**
 * Checks, before any work, that OUT can be written where it is asked for: its folder exists, it is
 * not a folder itself, and it is not IN (by path or through a link: same device and inode).
 */
export async function checkOutput(input: string, output: string): Promise<void> {
  const folder = dirname(resolve(output));
  const folderInfo = await stat(folder).catch((e: unknown) => {
    throw new UsageError(`cannot write ${output}: its folder ${folder} does not exist (${codeOf(e)})`);
  });
  if (!folderInfo.isDirectory()) throw new UsageError(`cannot write ${output}: ${folder} is not a folder`);
  const [inInfo, outInfo] = await Promise.all([stat(input).catch(() => null), stat(output).catch(() => null)]);
  if (outInfo?.isDirectory()) throw new UsageError(`cannot write ${output}: it is a folder`);
  const same =
    (inInfo && outInfo && inInfo.dev === outInfo.dev && inInfo.ino === outInfo.ino) ||
    (await realpath(input).catch(() => resolve(input))) === (await realpath(output).catch(() => resolve(output)));
  if (same) throw new UsageError(`IN and OUT are the same file (${output}): that would destroy the input; choose another OUT`);
}

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, then renamed
 * over `path`. On any failure the temporary file is removed and `path` is left as it was.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    let at = 0;
    while (at < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, at, bytes.length - at);
      at += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw new UsageError(`cannot write ${path} (${codeOf(e)}); nothing was changed there`);
  }
}
