/** The checker output quoted in docs/bugs/ is what the checker prints now. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bugPages, countBlocks, regeneratePage } from '../../src/docs/bug-pages.js';

describe.each(bugPages())('%s', (file) => {
  const page = readFileSync(file, 'utf8');

  it('quotes the checker at least once', () => {
    expect(countBlocks(page)).toBeGreaterThan(0);
  });

  it('is up to date (run npm run docs)', () => {
    expect(regeneratePage(page)).toBe(page);
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
