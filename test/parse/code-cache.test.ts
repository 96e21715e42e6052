/**
 * The code cache that ts-morph is loaded with (src/parse/ts-morph.ts): a
 * module loads as node:module would load it (exports, relative require,
 * __dirname, a #! line, a byte-order mark, non-ASCII text), its compiled code
 * is written once, then taken from the cache; a cache that cannot be
 * written costs only time.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireWithCodeCache, saveCodeCache } from '../../src/parse/ts-morph.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-code-cache-'));
const cacheDir = path.join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lib = path.join(dir, 'pkg', 'lib.js');
const main = path.join(dir, 'pkg', 'main.js');
mkdirSync(path.dirname(main), { recursive: true });
writeFileSync(lib, '\uFEFFexports.greeting = "grüß dich";\n');
writeFileSync(main, '#!/usr/bin/env node\nconst { greeting } = require("./lib.js");\nmodule.exports = { greeting, dir: __dirname, resolved: require.resolve("./lib.js") };\n');

/** Loads main.js afresh (out of require's cache) with the code cache in `into`. */
function load(into = cacheDir): unknown {
  const cache = createRequire(import.meta.url).cache;
  delete cache[main];
  delete cache[lib];
  return requireWithCodeCache(main, into);
}

describe('requireWithCodeCache', () => {
  saveCodeCache(); // what loading ts-morph itself left to write

  it('loads a module as require does, and writes its code and its dependency’s once', () => {
    expect(load()).toEqual({ greeting: 'grüß dich', dir: path.dirname(main), resolved: lib });
    expect(saveCodeCache()).toBe(2);
    expect(readdirSync(path.join(cacheDir, 'v8'))).toHaveLength(2);
    expect(load()).toEqual({ greeting: 'grüß dich', dir: path.dirname(main), resolved: lib });
    expect(saveCodeCache()).toBe(0);
  });

  it('loads all the same where the cache cannot be written', () => {
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    expect(load(blocked)).toMatchObject({ greeting: 'grüß dich' });
    expect(saveCodeCache()).toBe(0);
  });
});
