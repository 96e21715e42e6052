/**
 * The parsed model of a spec, cached on disk so that re-checking an unchanged
 * spec costs neither TypeScript nor ts-morph (loading and type-checking are
 * ~90% of a small check). The cache key is a content hash of the spec, of
 * every file it imports (transitively, by relative path), of the path it is
 * shown under, and of daxspec's own code; the entry is the SpecModel, which
 * is plain JSON. ts-morph is loaded only on a miss.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecModel } from '../model/ir.js';
import { defaultCacheDir } from './cache-dir.js';
import { assertSpecFile } from './spec-file.js';

export interface LoadedSpec {
  spec: SpecModel;
  /** 'hit': read from the cache; 'miss': parsed (and stored); 'off': parsed, caching disabled. */
  cache: 'hit' | 'miss' | 'off';
}

export interface CacheOptions {
  /** Where entries live; default node_modules/.cache/daxspec of the nearest directory with node_modules. */
  cacheDir?: string;
}

/** The spec's model: from the cache when nothing it depends on changed, else parsed (file:line:col errors as SpecError). */
export async function loadSpec(file: string, options: CacheOptions = {}): Promise<LoadedSpec> {
  // Before the cache key reads the file: a FIFO would block it, /dev/zero would fill memory.
  assertSpecFile(file);
  const parse = async (): Promise<SpecModel> => {
    const [{ parseSpecFile }, { saveCodeCache }] = await Promise.all([import('./spec.js'), import('./ts-morph.js')]);
    try {
      return parseSpecFile(file);
    } finally {
      // After the parse, so that the cached code holds what the type-check compiled, even when the spec has an error.
      saveCodeCache();
    }
  };
  const absolute = path.resolve(file);
  if (process.env.DAXSPEC_CACHE === '0' || !existsSync(absolute)) return { spec: await parse(), cache: 'off' };
  const dir = options.cacheDir ?? defaultCacheDir();
  const entry = path.join(dir, `${specKey(absolute)}.json`);
  if (existsSync(entry)) {
    try {
      return { spec: JSON.parse(readFileSync(entry, 'utf8')) as SpecModel, cache: 'hit' };
    } catch {
      // A torn or foreign file: parse again and overwrite it.
    }
  }
  const spec = await parse();
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a concurrent reader sees the old entry or the whole new one.
    const temp = `${entry}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(spec));
    renameSync(temp, entry);
  } catch {
    // A read-only tree still checks, just without the cache.
  }
  return { spec, cache: 'miss' };
}

/** The hash that names a spec's cache entry. */
export function specKey(absolute: string): string {
  const hash = createHash('sha256');
  hash.update(`daxspec ${codeIdentity()}\0shown as ${path.relative(process.cwd(), absolute) || absolute}\0`);
  for (const file of sourceClosure(absolute)) {
    hash.update(`${file}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** The spec and every file it imports by relative path, transitively (a missing one is listed too: creating it changes the key). */
export function sourceClosure(absolute: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!existsSync(file)) return;
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) visit(resolveImport(path.dirname(file), specifier));
  };
  visit(absolute);
  return [...seen].sort();
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function relativeImports(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1]!);
}

/** TypeScript's NodeNext rule for our specs: './x.js' is the file './x.ts'. */
function resolveImport(from: string, specifier: string): string {
  const target = path.resolve(from, specifier);
  const asTs = target.replace(/\.(m?)js$/, '.$1ts');
  if (asTs !== target && existsSync(asTs)) return asTs;
  return target;
}

let identity: string | null = null;

/** daxspec's own code (src/ or dist/, whichever is running): names, sizes and mtimes, so a rebuild or an edit invalidates every entry. */
function codeIdentity(): string {
  if (identity !== null) return identity;
  const root = fileURLToPath(new URL('../', import.meta.url));
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else hash.update(`${path.relative(root, full)} ${st.size} ${st.mtimeMs}\n`);
    }
  };
  walk(root);
  identity = hash.digest('hex');
  return identity;
}
