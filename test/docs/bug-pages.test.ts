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

describe('the Mermaid diagrams in docs/bugs', () => {
  const diagrams = bugPages().flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => ({ file, text: m[1]! })));

  it('are numbered and keep every thread instance apart: autonumber, # and ; only as entity codes, one alias per participant', () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(2);
    for (const { file, text } of diagrams) {
      const lines = text.trimEnd().split('\n');
      expect(lines.slice(0, 2), file).toEqual(['sequenceDiagram', '  autonumber']);
      for (const line of lines) expect(line.replace(/#\d+;/g, ''), `${file}: ${line}`).not.toMatch(/[#;]/);
      const aliases = lines.filter((l) => l.startsWith('  participant ')).map((l) => l.replace(/^  participant \S+ as /, ''));
      expect(new Set(aliases).size, file).toBe(aliases.length);
    }
    // The 2021 race: three invalidations of index 0, three lifelines, suffixes as entity codes.
    const invalidations = diagrams.find((d) => d.file.endsWith('2021-invalidate-wake-all.md'))!.text.split('\n').filter((l) => / as dax_invalidate_mapping_entry_sync/.test(l));
    expect(invalidations.map((l) => l.replace(/^.* as /, ''))).toEqual(['dax_invalidate_mapping_entry_sync(0)', 'dax_invalidate_mapping_entry_sync(0)#35;2', 'dax_invalidate_mapping_entry_sync(0)#35;3']);
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
