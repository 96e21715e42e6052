/**
 * ts-morph, loaded for the parser with V8's compiled code kept on disk.
 * ts-morph carries its own TypeScript: 13 MB of JavaScript whose loading was
 * about half of a check after an edit. Node 22's module.enableCompileCache
 * is missing on Node 20, and caches code as compiled, before it ran; here
 * each module is compiled with the code it left last time, and the cache is
 * written after a first parse, when it also holds the functions that parse
 * compiled. The parse modules take ts-morph's values from here, never from
 * 'ts-morph' (an ES import of it would also scan its 1 MB for export names).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as TsMorph from 'ts-morph';
import { defaultCacheDir } from './cache-dir.js';

/** The parts of node:module's CommonJS loader used here (not in its public types). */
interface CommonJsModule {
  exports: unknown;
  require(id: string): unknown;
}
type LoadJs = (module: CommonJsModule, filename: string) => void;
interface CommonJsLoader {
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CommonJsModule, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: Record<string, LoadJs>;
}
const loader = Module as unknown as CommonJsLoader;
const require_ = createRequire(import.meta.url);

interface Compiled {
  script: vm.Script;
  /** The cache file it was compiled with, or is to be written to. */
  entry: string;
  /** V8 took the cached code: nothing to write. */
  fromCache: boolean;
}
const compiled: Compiled[] = [];

/**
 * Where a module's code is kept: by Node version and flags (V8 refuses code
 * cached under others; separate entries keep two kinds of run from replacing
 * each other's) and by the file as installed.
 */
function entryFor(cacheDir: string, filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  const key = createHash('sha256').update(`${process.version} ${process.arch} ${process.execArgv.join(' ')} ${filename} ${size} ${mtimeMs}`).digest('hex');
  return path.join(cacheDir, 'v8', `${key.slice(0, 32)}.bin`);
}

function readEntry(entry: string): Buffer | undefined {
  try {
    return readFileSync(entry);
  } catch {
    return undefined;
  }
}

/** A module's text. Node 20 reads UTF-8 at some 40 MB/s; text that is all ASCII is the same read as Latin-1, several times faster (TypeScript is 9 MB of it). */
function readSource(filename: string): string {
  const bytes = readFileSync(filename);
  // TextDecoder drops a byte-order mark, as Node's loader does.
  const text = isAscii(bytes) ? bytes.toString('latin1') : new TextDecoder().decode(bytes);
  // A #! line is legal only at the very start of a script, and the module wrapper puts code before it.
  return text.startsWith('#!') ? `//${text.slice(2)}` : text;
}

/**
 * What node:module does for a .js file, compiling from the code cache in
 * cacheDir. Only for the modules ts-morph loads: they are CommonJS (it
 * requires them on Node 20, which cannot require an ES module).
 */
function loadWithCodeCache(cacheDir: string): LoadJs {
  return (module, filename) => {
    const entry = entryFor(cacheDir, filename);
    const cachedData = readEntry(entry);
    const script = new vm.Script(loader.wrap(readSource(filename)), { filename, cachedData });
    compiled.push({ script, entry, fromCache: cachedData !== undefined && !script.cachedDataRejected });
    const require = Object.assign((request: string) => module.require(request), {
      resolve: (request: string, options?: unknown) => loader._resolveFilename(request, module, false, options),
      cache: loader._cache,
      extensions: loader._extensions,
      main: require_.main,
    });
    const body = script.runInThisContext() as (...args: unknown[]) => unknown;
    body.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  };
}

/** require(id) (an absolute path or a package), with every CommonJS module it loads compiled from (and recorded for) the code cache in cacheDir. */
export function requireWithCodeCache(id: string, cacheDir: string): unknown {
  const loadJs = loader._extensions['.js']!;
  loader._extensions['.js'] = loadWithCodeCache(cacheDir);
  try {
    return require_(id);
  } finally {
    loader._extensions['.js'] = loadJs;
  }
}

/**
 * Writes the compiled code of the modules loaded since the last call that had
 * none cached, and says how many it wrote (call it after a parse, so that the
 * code the parse ran is in it). A cache that cannot be written only costs time.
 */
export function saveCodeCache(): number {
  let written = 0;
  for (const c of compiled.splice(0)) {
    if (c.fromCache) continue;
    try {
      mkdirSync(path.dirname(c.entry), { recursive: true });
      // Written aside and renamed: a concurrent reader sees no entry or a whole one.
      const temp = `${c.entry}.${process.pid}.tmp`;
      writeFileSync(temp, c.script.createCachedData());
      renameSync(temp, c.entry);
      written++;
    } catch {
      // A read-only tree still parses, just without the cache.
    }
  }
  return written;
}

const tsMorph = (process.env.DAXSPEC_CACHE === '0' ? require_('ts-morph') : requireWithCodeCache('ts-morph', defaultCacheDir())) as typeof TsMorph;

export const { Node, Project, SyntaxKind, ts } = tsMorph;
// The classes' types, under the names of their values, for the parse modules' annotations.
export type Node<T extends TsMorph.ts.Node = TsMorph.ts.Node> = TsMorph.Node<T>;
export type Project = TsMorph.Project;
export type SyntaxKind = TsMorph.SyntaxKind;
