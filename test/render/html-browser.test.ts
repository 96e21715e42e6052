/**
 * The --html page in a real browser: headless Chromium (Debian's, driven by
 * playwright-core) loads the seed's counterexample page, steps through it
 * with the keys, the buttons, the slider and the step list, and the test
 * reads what the DOM shows. Skips, saying why, when no Chromium is found.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage } from '../../src/render/html.js';
import type { TraceView } from '../../src/render/html-view.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { CHROMIUM_ARGS, chromiumAvailability } from '../helpers/chromium-available.js';
import { stepAt } from '../helpers/specs.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-html-'));
let browser: Browser | null = null;

beforeAll(async () => {
  const chromium = await chromiumAvailability();
  if (!chromium.available) return;
  const { chromium: launcher } = await import('playwright-core');
  browser = await launcher.launch({ executablePath: chromium.executable, args: CHROMIUM_ARGS, timeout: 300_000 });
});

afterAll(async () => {
  await browser?.close();
});

/** Writes the model's page with `daxspec check --html` and opens it; every request the page makes is kept. */
async function openPage(spec: string, model: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const file = path.join(dir, `${model}.html`);
  const run = await runDaxspec(['check', spec, '--model', model, '--html', file]);
  expect(run.exitCode).toBe(0);
  expect(run.stderr).toContain(`${model}: HTML page written to ${file}`);
  return load(`file://${file}`);
}

async function load(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1000, height: 900 } });
  page.setDefaultTimeout(120_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, requests, errors };
}

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText();
const cells = (page: Page, selector: string): Promise<string[]> => page.locator(selector).allInnerTexts();

describe('the --html page in headless Chromium', () => {
  it('steps through the seed bug: at the last step the PMD fault sleeps on key 0 and nobody was woken', async (ctx) => {
    if (browser === null) return ctx.skip();
    const { page, requests, errors } = await openPage('spec/dax-pmd-wakeup.ts', 'buggy');
    expect(await text(page, 'h1')).toBe('DaxPmdWakeup, model buggy');
    expect(await text(page, '#verdict')).toBe('violates NoLostWakeup (pmd_fault(0))');

    // The initial state: nothing stored, nobody waiting.
    expect(await text(page, '#counter')).toBe('step 0 of 3');
    expect(await text(page, '#what')).toBe('initial state');
    expect(await page.locator('#prev').isDisabled()).toBe(true);
    expect(await cells(page, '#xa td')).toEqual(['(empty)', '(empty)']);
    expect(await text(page, '#queues')).toBe('nobody waits');

    // → : the PTE fault inserts a locked empty entry at index 1.
    await page.keyboard.press('ArrowRight');
    expect(await text(page, '#counter')).toBe('step 1 of 3');
    expect(await text(page, '#what')).toBe('1. pte_fault(1) grab_mapping_entry');
    expect(await text(page, '#where')).toBe(stepAt('spec/dax-pmd-wakeup.ts', 'pte_fault', 'grab_mapping_entry'));
    expect(await cells(page, '#xa td')).toEqual(['(empty)', 'PTE locked empty']);
    expect(await page.locator('#xa td[data-first="1"]').getAttribute('class')).toBe('locked changed');

    // next: the PMD fault finds it and sleeps on key 0.
    await page.click('#next');
    expect(await text(page, '#counter')).toBe('step 2 of 3');
    expect(await cells(page, '#did li')).toEqual(['sleeps on key 0']);
    expect(await cells(page, '#queues .waiter')).toEqual(['pmd_fault(0) on key 0 (exclusive)']);
    const pmd = page.locator('#threads tr', { hasText: 'pmd_fault(0)' });
    expect(await pmd.locator('td').allInnerTexts()).toEqual(['pmd_fault(0)', 'schedule', stepAt('spec/dax-pmd-wakeup.ts', 'pmd_fault', 'schedule'), 'asleep on key 0']);

    // The slider to the end: the PTE fault unlocks and wakes key 1, nobody; the PMD fault still sleeps.
    await page.locator('#slider').fill('3');
    expect(await text(page, '#counter')).toBe('step 3 of 3');
    expect(await text(page, '#what')).toBe('3. pte_fault(1) dax_unlock_entry');
    expect(await cells(page, '#did li')).toEqual(['unlocks the PTE at 1, now filled', 'wakes key 1: nobody']);
    expect(await cells(page, '#queues .waiter')).toEqual(['pmd_fault(0) on key 0 (exclusive)']);
    expect(await pmd.locator('td').last().innerText()).toBe('asleep on key 0');
    expect(await page.locator('#next').isDisabled()).toBe(true);
    // The lasso: the last state stutters forever, said under the steps and in the header.
    expect(await text(page, '#lasso')).toBe('↺ after step 3, the last state stutters forever: then no thread can move; asleep forever: pmd_fault(0) on key 0');
    expect(await page.locator('#ending').getAttribute('class')).toBe('now');
    expect(await page.locator('#steps li.current').innerText()).toBe('pte_fault(1) dax_unlock_entry');

    // ← and a click on the step list go back.
    await page.keyboard.press('ArrowLeft');
    expect(await text(page, '#counter')).toBe('step 2 of 3');
    await page.locator('#steps li').first().click();
    expect(await text(page, '#counter')).toBe('step 1 of 3');

    await page.keyboard.press('End');
    const shot = path.join(dir, 'seed-buggy.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshot of the seed's page: ${shot}`);

    expect(errors).toEqual([]);
    // Self-contained: the page itself is the only thing loaded.
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('marks the loop of a lasso: its steps in the list, the badge on each of them, where it returns', async (ctx) => {
    if (browser === null) return ctx.skip();
    const { page, errors } = await openPage('test/fixtures/specs/sleep.ts', 'livelock');
    expect(await cells(page, '#steps li.loop')).toEqual(['poller() poll', 'poller() relax']);
    expect(await page.locator('#loop-mark').isVisible()).toBe(false);
    await page.keyboard.press('End');
    expect(await page.locator('#loop-mark').isVisible()).toBe(true);
    expect(await text(page, '#lasso')).toBe('↺ after step 3, back to the state after step 1: steps 2–3 repeat forever');
    // The loop's last step returns to the state after step 1: the same queues and threads.
    const atEnd = await cells(page, '#threads td');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#loop-mark').isVisible()).toBe(false);
    expect(await cells(page, '#threads td')).toEqual(atEnd);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a spec name and a doc comment holding </script> as text: they neither end the data nor run', async (ctx) => {
    if (browser === null) return ctx.skip();
    const file = path.join(dir, 'seed.html');
    expect((await runDaxspec(['check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--html', file])).exitCode).toBe(0);
    const blob = /<script type="application\/json" id="trace">(.*?)<\/script>/s.exec(readFileSync(file, 'utf8'))![1]!;
    const view = JSON.parse(blob) as TraceView;
    const hostile = '</script><script>window.pwned = 1</script><!-- <b>';
    view.spec = hostile;
    view.frames[3]!.step!.doc = hostile;
    const hostileFile = path.join(dir, 'hostile.html');
    writeFileSync(hostileFile, htmlPage(view));
    const { page, errors } = await load(`file://${hostileFile}`);
    await page.keyboard.press('End');
    expect(await text(page, '#doc')).toBe(hostile);
    expect(await text(page, 'h1')).toBe(`${hostile}, model buggy`);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});
