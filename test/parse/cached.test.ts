/**
 * The parsed-model cache (src/parse/cached.ts): a hit when nothing changed, a
 * re-parse when the spec or any file it imports changes, and the cached model
 * is the parsed one. Specs live in a temporary directory, beside their own
 * cache directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, sourceClosure } from '../../src/parse/cached.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-cache-test-'));
const cacheDir = path.join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The imported file: the spec's variant names (specs import types; helpers are written in the spec). */
const variantsModule = (names: string): string => `export type Variant = ${names};\n`;

const specText = (models: string): string => `import { defineSpec, thread, DONE, type Kernel } from 'daxspec';
import type { Variant } from './lib/variants.js';

type K = Kernel<Variant>;

const fault = thread({
  params: { index: 0 },
  locals: {},
  steps: {
    grab(k: K, t) {
      if (k.variant === 'only') k.store(t.index, k.makeEntry({ order: 0, locked: false, empty: true }));
      return DONE;
    },
  },
});

export default defineSpec({
  name: 'CacheProbe',
  variants: ['only'],
  threads: { fault },
  models: [${models}],
});
`;

const ONE_MODEL = `{ name: 'one', variant: 'only', indices: 2, threads: [fault({ index: 0 })] }`;

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  rmSync(file, { force: true });
  writeFileSync(file, text);
  return file;
}

describe('loadSpec cache', () => {
  mkdirSync(path.join(dir, 'lib'), { recursive: true });
  const lib = write('lib/variants.ts', variantsModule("'only'"));
  const spec = write('probe.ts', specText(ONE_MODEL));

  it('lists the spec and what it imports', () => {
    expect(sourceClosure(spec)).toEqual([lib, spec].sort());
  });

  it('parses on the first load and reads the cache on the second, the same model', async () => {
    const first = await loadSpec(spec, { cacheDir });
    expect(first.cache).toBe('miss');
    const second = await loadSpec(spec, { cacheDir });
    expect(second.cache).toBe('hit');
    expect(second.spec).toEqual(first.spec);
  });

  it('re-parses after an edit of an imported file, and sees the edit', async () => {
    expect((await loadSpec(spec, { cacheDir })).cache).toBe('hit');
    // The spec no longer type-checks against the edited file: a stale cache entry would hide that.
    write('lib/variants.ts', variantsModule("'other'"));
    await expect(loadSpec(spec, { cacheDir })).rejects.toMatchObject({ code: 'DSX001' });
    // Keyed by content, not time: the file as it was finds its entry again.
    write('lib/variants.ts', variantsModule("'only'"));
    expect((await loadSpec(spec, { cacheDir })).cache).toBe('hit');
  });

  it('re-parses after an edit of the spec itself', async () => {
    write('probe.ts', specText(`${ONE_MODEL}, { name: 'two', variant: 'only', indices: 2, threads: [fault({ index: 1 })] }`));
    const edited = await loadSpec(spec, { cacheDir });
    expect(edited.cache).toBe('miss');
    expect(edited.spec.models.map((m) => m.name)).toEqual(['one', 'two']);
  });

  it('does not cache a spec with an error: each load reports it', async () => {
    write('probe.ts', specText(ONE_MODEL).replace('order: 0', 'order: 0 & 1'));
    await expect(loadSpec(spec, { cacheDir })).rejects.toMatchObject({ code: 'DSX002' });
    await expect(loadSpec(spec, { cacheDir })).rejects.toMatchObject({ code: 'DSX002' });
  });
});
