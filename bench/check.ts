/**
 * Checker speed: per model of the given specs (default: the seed), distinct
 * states, transitions, seconds (best of --runs, default 3) and states/s, with
 * the time split into exploration and liveness.
 *
 *   npm run bench                      # spec/dax-pmd-wakeup.ts
 *   npm run bench -- spec/dax-mutants.ts --runs 5
 */
import { compileModel } from '../src/check/compile.js';
import { explore } from '../src/check/explore.js';
import { checkModel } from '../src/check/check.js';
import { parseSpecFile } from '../src/parse/spec.js';

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
const files = argv.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
if (files.length === 0) files.push('spec/dax-pmd-wakeup.ts');

const header = ['model', 'threads', 'states', 'transitions', 'explore s', 'total s', 'states/s', 'verdict'];
console.log(header.join('\t'));
for (const file of files) {
  const spec = parseSpecFile(file);
  for (const model of spec.models) {
    let best = Infinity;
    let bestExplore = Infinity;
    let result = checkModel(spec, model).result;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      explore(compileModel(spec, model));
      bestExplore = Math.min(bestExplore, (performance.now() - t0) / 1000);
      const run = checkModel(spec, model);
      best = Math.min(best, run.result.seconds);
      result = run.result;
    }
    const verdict = result.verdict.kind === 'violated' ? `violates ${result.verdict.property}` : result.verdict.kind;
    console.log([
      `${spec.name}/${model.name}`,
      model.threads.length,
      result.distinctStates,
      result.transitions,
      bestExplore.toFixed(3),
      best.toFixed(3),
      Math.round(result.distinctStates / best),
      verdict,
    ].join('\t'));
  }
}
