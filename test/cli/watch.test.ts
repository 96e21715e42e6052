/**
 * `daxspec check --watch` (a child process running the CLI from the sources):
 * the first round prints every model; after a save it prints only the models
 * whose result changed, or that nothing did.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-watch-'));
const spec = path.join(dir, 'example.ts');
copyFileSync(fileURLToPath(new URL('../fixtures/package/example.ts', import.meta.url)), spec);
const original = readFileSync(spec, 'utf8');

const child = execa(process.execPath, ['--import', 'tsx', BIN, 'check', spec, '--watch'], { cwd: ROOT, reject: false, env: { FORCE_COLOR: '0' } });
let output = '';
child.stdout!.on('data', (chunk: Buffer) => {
  output += chunk.toString();
});
afterAll(async () => {
  child.kill();
  await child;
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the output printed after `from` once it matches `pattern`. */
function printed(pattern: RegExp, from: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const test = (): boolean => {
      const fresh = output.slice(from);
      if (!pattern.test(fresh)) return false;
      resolve(fresh);
      return true;
    };
    if (test()) return;
    const onData = (): void => {
      if (test()) child.stdout!.off('data', onData);
    };
    child.stdout!.on('data', onData);
    void child.then(() => reject(new Error(`daxspec exited; it printed:\n${output}`)));
  });
}

describe('daxspec check --watch', () => {
  it('prints every model first, then only what a save changed', { timeout: 300_000 }, async () => {
    const first = await printed(/watching for changes/, 0);
    expect(first).toMatch(/^ok +two-faults +holds/m);

    // A second model: it is new, the first one is unchanged and not printed again.
    let mark = output.length;
    writeFileSync(spec, original.replace("threads: [pte_fault({ index: 1 }), pte_fault({ index: 1 })] },", "threads: [pte_fault({ index: 1 }), pte_fault({ index: 1 })] },\n    { name: 'three-faults', variant: 'buggy', indices: 2, threads: [pte_fault({ index: 1 }), pte_fault({ index: 0 }), pte_fault({ index: 1 })] },"));
    const second = await printed(/model\(s\) got their expected verdict/, mark);
    expect(second).toMatch(/1 of 2 model\(s\) changed/);
    expect(second).toMatch(/^(ok|FAIL) +three-faults /m);
    expect(second).not.toMatch(/two-faults/);

    // A comment: same results.
    mark = output.length;
    writeFileSync(spec, `${readFileSync(spec, 'utf8')}\n// a comment\n`);
    expect(await printed(/no change \(2 model\(s\) re-checked/, mark)).not.toMatch(/faults/);

    // A type error is reported once, with its place.
    mark = output.length;
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('k.findConflict(t.index, 0)', "k.findConflict(t.index, '0')"));
    expect(await printed(/error DSX001: type error/, mark)).toMatch(/example\.ts:18:\d+/);
  });
});
