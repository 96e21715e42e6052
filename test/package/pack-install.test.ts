/**
 * daxspec as a kernel developer installs it: `npm pack`, the tarball installed
 * offline (from the local npm cache, as after this repo's npm ci) into a
 * fresh project, a spec there importing 'daxspec', checked by the installed
 * bin, type-checked by TypeScript the way an editor does, emitted, and — when
 * a TLC jar is found — its MC module run by its own "Check it with" line.
 * Everything runs in child processes; the test only awaits.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlcAvailability } from '../tlc/tlc-available.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../fixtures/package/example.ts', import.meta.url));
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

const work = mkdtempSync(path.join(os.tmpdir(), 'daxspec-pack-'));
const project = path.join(work, 'project');
const run = (cmd: string, args: string[], cwd: string) => execa(cmd, args, { cwd, reject: false, all: true, env: { FORCE_COLOR: '0' } });

interface PackResult {
  filename: string;
  integrity: string;
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  hasInstallScript?: boolean;
  [key: string]: unknown;
}

/**
 * The new project's lockfile: daxspec from the tarball, and daxspec's runtime
 * dependencies as this repository's lock resolves them. npm's cache holds
 * those tarballs but not the registry's version lists, so an offline install
 * needs the lock to say which versions (a user online needs none of this).
 */
function projectLock(packed: PackResult): unknown {
  const ours = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const runtime = Object.entries(ours.packages).filter(([key, entry]) => key !== '' && entry.dev !== true && entry.devOptional !== true);
  // Nothing daxspec needs at run time may run an install script (one that downloads would fail offline).
  expect(runtime.filter(([, entry]) => entry.hasInstallScript).map(([key]) => key)).toEqual([]);
  return {
    name: 'my-dax-models',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'my-dax-models', dependencies: { daxspec: `file:../${packed.filename}` } },
      'node_modules/daxspec': {
        version: manifest.version,
        resolved: `file:../${packed.filename}`,
        integrity: packed.integrity,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
        peerDependencies: manifest.peerDependencies,
        peerDependenciesMeta: manifest.peerDependenciesMeta,
      },
      ...Object.fromEntries(runtime),
    },
  };
}

describe('the packed package, installed offline in a fresh project', () => {
  let tarball = '';

  beforeAll(async () => {
    // Without its prepare script: that rebuild empties dist/ first, and other test files running the bin
    // meanwhile failed with "not built" (a fresh-clone .ci/run). The tarball holds the build npm ci made.
    const pack = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
    expect(pack.exitCode, pack.all).toBe(0);
    const packed = JSON.parse(String(pack.stdout).slice(String(pack.stdout).indexOf('['))) as PackResult[];
    tarball = path.join(work, packed[0]!.filename);
    mkdirSync(path.join(project, 'spec'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-dax-models', private: true, type: 'module', dependencies: { daxspec: `file:../${packed[0]!.filename}` } }, null, 2));
    writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(projectLock(packed[0]!), null, 2));
    copyFileSync(EXAMPLE, path.join(project, 'spec', 'example.ts'));
    // Offline: every package comes from the local npm cache (filled by this repo's npm ci), found by the integrity in the lock.
    const install = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);
    expect(install.exitCode, install.all).toBe(0);
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs built JavaScript and type declarations, no TypeScript sources or test-only packages', () => {
    const installed = path.join(project, 'node_modules', 'daxspec');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('web-tree-sitter');
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(readFileSync(path.join(installed, 'dist/dsl/index.d.ts'), 'utf8')).toMatch(/export declare function defineSpec/);
    expect(() => readFileSync(path.join(installed, 'src/cli/main.ts'))).toThrow();
    expect(() => readFileSync(path.join(project, 'node_modules/tsx/package.json'))).toThrow();
  });

  it('checks a spec that imports daxspec with the installed bin', async () => {
    const check = await run(path.join(project, 'node_modules/.bin/daxspec'), ['check', 'spec/example.ts'], project);
    expect(check.exitCode, check.all).toBe(0);
    expect(check.stdout).toMatch(/^ok +two-faults +holds +\d+ states/m);
  });

  it('reports a type error in that spec at its file:line:col (the spec is type-checked against the installed DSL)', async () => {
    const broken = readFileSync(EXAMPLE, 'utf8').replace('k.findConflict(t.index, 0)', 'k.findConflict(t.index, "0")');
    writeFileSync(path.join(project, 'spec', 'broken.ts'), broken);
    const check = await run(path.join(project, 'node_modules/.bin/daxspec'), ['check', 'spec/broken.ts'], project);
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toMatch(/^spec\/broken\.ts:18:\d+: error DSX001: type error/m);
  });

  it('type-checks with TypeScript as an editor would (daxspec resolved through node_modules)', async () => {
    const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, skipLibCheck: true, types: [] };
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['spec/example.ts'] }, null, 2));
    const tsc = await run(process.execPath, [TSC, '-p', '.'], project);
    expect(tsc.exitCode, tsc.all).toBe(0);
  });

  it('emits TLA+ whose "Check it with" line runs there', async (ctx) => {
    const bin = path.join(project, 'node_modules/.bin/daxspec');
    const emit = await run(bin, ['emit', 'spec/example.ts'], project);
    expect(emit.exitCode, emit.all).toBe(0);
    const mc = readFileSync(path.join(project, 'tla', 'MC_Example_two_faults.tla'), 'utf8');
    const line = /Check it with: (npx daxspec tlc tla\/MC_Example_two_faults\.tla)/.exec(mc);
    expect(line, mc).not.toBeNull();
    if (!(await tlcAvailability()).available) return ctx.skip();
    const [npx, ...args] = line![1]!.split(' ');
    const tlc = await run(npx!, args, project);
    expect(tlc.exitCode, tlc.all).toBe(0);
    expect(tlc.stdout).toMatch(/No error has been found/);
  });
});
