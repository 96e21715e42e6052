/**
 * `npm run docs`: regenerate the checker output quoted in docs/bugs/*.md.
 * With --check, rewrite nothing: print the stale pages and exit 1 if any
 * (the docs test runs this in a child process, off the test worker's loop).
 */
import { staleBugPages, updateBugPages } from './bug-pages.js';

if (process.argv.includes('--check')) {
  const stale = staleBugPages();
  for (const file of stale) console.log(`stale: ${file}`);
  process.exitCode = stale.length === 0 ? 0 : 1;
} else {
  const changed = updateBugPages();
  console.log(changed.length === 0 ? 'docs/bugs: up to date' : `docs/bugs: rewrote ${changed.join(', ')}`);
}
