/** The checker output quoted in docs/bugs/ is what the checker prints now. */
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { bugPages, countBlocks, regeneratePage } from '../../src/docs/bug-pages.js';

const ROOT = new URL('../../', import.meta.url).pathname;

// Regenerating every page checks the 8-thread models: a child process does
// it, so the test worker's event loop stays free.
let stale: string[] = [];
beforeAll(async () => {
  const r = await execa('npx', ['tsx', 'src/docs/update.ts', '--check'], { cwd: ROOT, reject: false });
  expect(String(r.stderr)).toBe('');
  stale = String(r.stdout).split('\n').filter((l) => l.startsWith('stale: ')).map((l) => l.slice('stale: '.length));
  expect(r.exitCode).toBe(stale.length === 0 ? 0 : 1);
});

describe.each(bugPages())('%s', (file) => {
  const page = readFileSync(file, 'utf8');

  it('quotes the checker at least once', () => {
    expect(countBlocks(page)).toBeGreaterThan(0);
  });

  it('is up to date (run npm run docs)', () => {
    expect(stale).not.toContain(file);
  });
});

describe('regeneratePage', () => {
  it('rewrites a stale block (the check can fail)', () => {
    const stale = '<!-- daxspec check spec/dax-pmd-wakeup.ts --model buggy -->\n```text\nold output\n```\n<!-- end -->';
    const fresh = regeneratePage(stale);
    expect(fresh).not.toBe(stale);
    expect(fresh).toContain('violates NoLostWakeup (pmd_fault(0))');
    expect(fresh).toContain('asleep forever: pmd_fault(0) on key 0');
  });
});
