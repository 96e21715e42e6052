/** `npm run docs`: regenerate the checker output quoted in docs/bugs/*.md. */
import { updateBugPages } from './bug-pages.js';

const changed = updateBugPages();
console.log(changed.length === 0 ? 'docs/bugs: up to date' : `docs/bugs: rewrote ${changed.join(', ')}`);
