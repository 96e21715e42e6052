/**
 * `npm run docs`: regenerate the checker output quoted in docs/bugs/*.md and
 * the example pages in docs/html/. With --check, rewrite nothing: print the
 * stale files and exit 1 if any (the docs test runs this in a child process,
 * off the test worker's loop).
 */
import { staleBugPages, updateBugPages } from './bug-pages.js';
import { staleHtmlPages, updateHtmlPages } from './html-pages.js';

if (process.argv.includes('--check')) {
  const stale = [...staleBugPages(), ...staleHtmlPages()];
  for (const file of stale) console.log(`stale: ${file}`);
  process.exitCode = stale.length === 0 ? 0 : 1;
} else {
  const changed = updateBugPages();
  console.log(changed.length === 0 ? 'docs/bugs: up to date' : `docs/bugs: rewrote ${changed.join(', ')}`);
  const pages = updateHtmlPages();
  console.log(pages.length === 0 ? 'docs/html: up to date' : `docs/html: rewrote ${pages.join(', ')}`);
}
