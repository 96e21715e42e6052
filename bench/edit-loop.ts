/**
 * The edit–check loop as a spec author lives it: `daxspec check` (the built
 * bin, as installed) on a small model, end to end (process start to exit),
 *   - unchanged: the spec is the same as on the last run (cache hit),
 *   - edited: the spec changed since the last run (a comment added: parse and
 *     type-check again).
 * Prints wall and CPU seconds (user + sys of the child), median and best of
 * --runs (default 5). Goals: unchanged <= 0.8 s, edited <= 1.5 s wall.
 * Wall time on a machine shared with other work is inflated; CPU time is not.
 *
 *   npm run build && npx tsx bench/edit-loop.ts [--runs N] [spec.ts --model NAME]
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
const source = argv.find((a, i) => a.endsWith('.ts') && argv[i - 1] !== '--model') ?? 'spec/dax-pmd-wakeup.ts';

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
function checkOnce(): Sample {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'check', spec, '--model', model], { cwd: ROOT, encoding: 'utf8' });
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

function summary(label: string, samples: Sample[]): string {
  const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const median = (xs: number[]): number => sorted(xs)[Math.floor(xs.length / 2)]!;
  const walls = samples.map((s) => s.wall);
  const cpus = samples.map((s) => s.cpu);
  return `${label.padEnd(10)} wall median ${median(walls).toFixed(2)} s, best ${sorted(walls)[0]!.toFixed(2)} s | CPU median ${median(cpus).toFixed(2)} s, best ${sorted(cpus)[0]!.toFixed(2)} s`;
}

try {
  childCpuSeconds();
  const unchanged: Sample[] = [];
  const edited: Sample[] = [];
  checkOnce(); // warm the OS file cache and the parsed-model cache
  for (let i = 0; i < runs; i++) {
    writeFileSync(spec, `${original}\n// edit ${i} ${Date.now()}\n`);
    edited.push(checkOnce());
    unchanged.push(checkOnce());
  }
  console.log(`daxspec check ${source} --model ${model}, ${runs} runs each, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
  console.log(summary('unchanged', unchanged));
  console.log(summary('edited', edited));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
