/** Where daxspec keeps what it caches between runs (parsed models, compiled code). */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** node_modules/.cache/daxspec in the nearest directory (from the working directory up) that has node_modules; else a per-user temporary directory. */
export function defaultCacheDir(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'daxspec');
    if (path.dirname(dir) === dir) break;
  }
  return path.join(os.tmpdir(), `daxspec-cache-${os.userInfo().uid}`);
}
