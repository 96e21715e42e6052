/**
 * Checker speed and memory: per model, distinct states, transitions, CPU
 * seconds of exploration and of liveness (best of --runs, default 3; CPU, not
 * wall-clock, because the machine may be shared), states per CPU second,
 * bytes per state (the checker's arrays, and peak RSS over states) and peak
 * RSS. Each run is a child process (bench/run-model.ts), so its peak RSS is
 * its own.
 *
 *   npm run bench                                  # the seed's 8-thread models and the scale family to 9 threads
 *   npm run bench -- --family 10                   # the scale family up to 10 threads (37.6M states)
 *   npm run bench -- --large                       # also bench/large-model.ts's 15-thread model (112.6M states; 10 GB)
 *   npm run bench -- spec/dax-mutants.ts --runs 5  # every model of a spec
 *   npm run bench -- --max-states 10000000         # passed on to each run
 */
import { spawnSync } from 'node:child_process';
import { parseSpecFile } from '../src/parse/spec.js';
import { LARGE_MODEL, LARGE_SPEC } from './large-model.js';
import { SCALE_THREADS } from './scale-family.js';

const SEED = 'spec/dax-pmd-wakeup.ts';
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const runs = Number(option('--runs') ?? 3);
const family = Number(option('--family') ?? 9);
const maxStates = option('--max-states');
const large = argv.includes('--large');
const files = argv.filter((a, i) => !a.startsWith('--') && !(argv[i - 1]?.startsWith('--') && argv[i - 1] !== '--large'));

/** Big members run past the default limit of 20 million states. */
const BIG_MAX_STATES = '400000000';
const jobs: { file: string; model: string; runs: number; maxStates?: string }[] = [];
if (files.length === 0) {
  for (const m of parseSpecFile(SEED).models) if (m.threads.length >= 8) jobs.push({ file: SEED, model: m.name, runs });
  // The 8-thread member is pmd-aligned-keys-8, above; big members run once.
  for (const n of SCALE_THREADS) if (n > 8 && n <= family) jobs.push({ file: SEED, model: `scale-${n}`, runs: n >= 10 ? 1 : runs, ...(n >= 10 ? { maxStates: BIG_MAX_STATES } : {}) });
}
if (large) jobs.push({ file: LARGE_SPEC, model: LARGE_MODEL, runs: 1, maxStates: BIG_MAX_STATES }); else {
  for (const file of files) for (const m of parseSpecFile(file).models) jobs.push({ file, model: m.name, runs });
}

interface Run {
  model: string;
  threads: number;
  states: number;
  transitions: number;
  verdict: string;
  exploreCpu: number;
  livenessCpu: number;
  wall: number;
  arrayBytesPerState: number;
  peakRssBytes: number;
}

function runOnce(file: string, model: string, jobMaxStates: string | undefined): Run {
  const limit = maxStates ?? jobMaxStates;
  const args = ['--import', 'tsx', 'bench/run-model.ts', file, model, ...(limit ? ['--max-states', limit] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench run of ${model} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Run;
}

const header = ['model', 'threads', 'states', 'transitions', 'explore cpu s', 'liveness cpu s', 'states/cpu-s', 'liveness/explore', 'array B/state', 'peak RSS MB', 'RSS B/state', 'verdict'];
console.log(`# ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(header.join('\t'));
for (const job of jobs) {
  let best: Run | null = null;
  for (let i = 0; i < job.runs; i++) {
    const run = runOnce(job.file, job.model, job.maxStates);
    if (best === null || run.exploreCpu + run.livenessCpu < best.exploreCpu + best.livenessCpu) best = run;
  }
  const r = best!;
  console.log([
    r.model,
    r.threads,
    r.states,
    r.transitions,
    r.exploreCpu.toFixed(3),
    r.livenessCpu.toFixed(3),
    Math.round(r.states / r.exploreCpu),
    `${Math.round((100 * r.livenessCpu) / r.exploreCpu)}%`,
    r.arrayBytesPerState.toFixed(1),
    (r.peakRssBytes / 2 ** 20).toFixed(0),
    (r.peakRssBytes / r.states).toFixed(0),
    r.verdict,
  ].join('\t'));
}
