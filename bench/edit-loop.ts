/**
 * The edit–check loop as a spec author lives it: `daxspec check` (the built
 * bin, as installed), process start to exit,
 *   - unchanged: a small model, the spec the same as on the last run (cache hit),
 *   - edited: the same after an edit of the spec (a comment added: parsed and
 *     type-checked again),
 *   - reference: the seed's 8-thread model (buggy-8, 383,073 states), spec
 *     unchanged, so that start-up is seen beside a real exploration.
 * Prints wall and CPU seconds (user + sys of the child), best and median of
 * --runs (default 5), and whether the best wall time meets each goal:
 * unchanged <= 0.8 s, edited <= 1.5 s. Wall time on a machine shared with
 * other work is inflated (the load average is printed); CPU time much less.
 *
 *   npm run bench:edit-loop [-- --runs N] [-- spec.ts --model NAME --reference NAME]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = path.join(ROOT, 'bin/daxspec.js');
const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1]! : fallback;
};
const runs = Number(option('--runs', '5'));
const model = option('--model', 'buggy');
const reference = option('--reference', 'buggy-8');
const source = argv.find((a, i) => a.endsWith('.ts') && !argv[i - 1]?.startsWith('--')) ?? 'spec/dax-pmd-wakeup.ts';

if (!existsSync(path.join(ROOT, 'dist/cli/bin.js'))) {
  console.error('bench/edit-loop.ts measures the built bin: run npm run build first');
  process.exit(2);
}

// A private copy of the spec, so that the edits touch nothing of the repository.
const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-edit-loop-'));
const spec = path.join(dir, path.basename(source));
copyFileSync(path.join(ROOT, source), spec);
const original = readFileSync(spec, 'utf8');

interface Sample {
  wall: number;
  cpu: number;
}

/** One run of the bin: wall from spawn to exit, CPU of the child (user + sys). */
function checkOnce(modelName = model): Sample {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'check', spec, '--model', modelName], { cwd: ROOT, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`daxspec check exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { wall, cpu: childCpuSeconds() };
}

let lastChildCpu = 0;
/** CPU seconds of children reaped since the previous call (Linux: /proc/self/stat). */
function childCpuSeconds(): number {
  // /proc/self/stat fields 16 and 17: cutime and cstime in clock ticks (Linux).
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  const total = ticks / 100;
  const delta = total - lastChildCpu;
  lastChildCpu = total;
  return delta;
}

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const median = (xs: number[]): number => sorted(xs)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]): number => sorted(xs)[0]!;

/** One line per case: best and median of wall and CPU, and the goal's verdict on the best wall time. */
function summary(label: string, samples: Sample[], goal?: number): string {
  const walls = samples.map((s) => s.wall);
  const cpus = samples.map((s) => s.cpu);
  const verdict = goal === undefined ? '' : ` | goal ${goal} s wall: ${best(walls) <= goal ? 'met' : 'NOT met'}${best(cpus) <= goal ? '' : ` (CPU alone is over it)`}`;
  return `${label.padEnd(10)} wall best ${best(walls).toFixed(2)} s, median ${median(walls).toFixed(2)} s | CPU best ${best(cpus).toFixed(2)} s, median ${median(cpus).toFixed(2)} s${verdict}`;
}

try {
  childCpuSeconds();
  const unchanged: Sample[] = [];
  const edited: Sample[] = [];
  const referenceRuns: Sample[] = [];
  checkOnce(); // warm the OS file cache, the parsed-model cache and the code cache
  for (let i = 0; i < runs; i++) {
    writeFileSync(spec, `${original}\n// edit ${i} ${Date.now()}\n`);
    edited.push(checkOnce());
    unchanged.push(checkOnce());
  }
  for (let i = 0; i < runs; i++) referenceRuns.push(checkOnce(reference));
  const load = os.loadavg()[0]!;
  console.log(`daxspec check ${source}, best and median of ${runs} runs, Node ${process.versions.node}, load average ${load.toFixed(1)} on ${os.cpus().length} CPUs${load >= os.cpus().length ? ' (shared: wall times are inflated)' : ''}`);
  console.log(summary('unchanged', unchanged, 0.8) + ` (--model ${model})`);
  console.log(summary('edited', edited, 1.5) + ` (--model ${model})`);
  console.log(summary('reference', referenceRuns) + ` (--model ${reference})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
