/** The checker output quoted in docs/bugs/, and the pages in docs/html/, are what the checker writes now. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { bugPages, countBlocks, regeneratePage } from '../../src/docs/bug-pages.js';
import { HTML_PAGES, htmlPageOf, staleHtmlPages } from '../../src/docs/html-pages.js';

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

describe.each(HTML_PAGES.map((p) => p.file))('%s', (file) => {
  it('is up to date (run npm run docs)', () => {
    expect(stale).not.toContain(file);
  });
});

describe('staleHtmlPages', () => {
  it('finds a page that is not what daxspec check --html writes now, or is missing (the check can fail)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-docs-html-'));
    try {
      const page = { file: path.join(dir, 'seed.html'), spec: 'spec/dax-pmd-wakeup.ts', model: 'buggy' };
      expect(staleHtmlPages([page])).toEqual([page.file]);
      const fresh = htmlPageOf(page.spec, page.model);
      const edited = fresh.replace('"number":3', '"number":4');
      expect(edited).not.toBe(fresh);
      writeFileSync(page.file, edited);
      expect(staleHtmlPages([page])).toEqual([page.file]);
      writeFileSync(page.file, fresh);
      expect(staleHtmlPages([page])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
