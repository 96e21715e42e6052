/**
 * The directory emit writes to: created one level at a time (Node's recursive
 * mkdir spins forever under /proc), refused in one line when it cannot be
 * used — under a regular file, on a read-only file system, without
 * permission, out of space.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpecError } from '../model/errors.js';

const REASONS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOENT: 'the directory cannot be created there',
  EEXIST: 'it exists and is not a directory',
  EISDIR: 'it is a directory',
};

function outputError(target: string, err: unknown): SpecError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const reason = REASONS[code] ?? (err instanceof Error ? err.message : String(err));
  return new SpecError('DSX008', `cannot write ${target}: ${reason}${code ? ` (${code})` : ''}`, null, 'choose a writable directory with --out DIR');
}

/** Creates `dir` and its missing parents, or throws DSX008 naming what is in the way. */
export function prepareOutputDir(dir: string): void {
  const missing: string[] = [];
  let probe = path.resolve(dir);
  for (;;) {
    try {
      if (!statSync(probe).isDirectory()) throw new SpecError('DSX008', `cannot write to ${dir}: ${probe} is a file, not a directory`, null, 'choose a directory with --out DIR');
      break;
    } catch (err) {
      if (err instanceof SpecError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw outputError(dir, err);
      missing.unshift(probe);
      const up = path.dirname(probe);
      if (up === probe) throw outputError(dir, err);
      probe = up;
    }
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      throw outputError(dir, err);
    }
  }
}

export function writeOutputFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw outputError(file, err);
  }
}
