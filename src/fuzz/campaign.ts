/**
 * A fuzz run: generate the spec of each seed, check it both ways, shrink any
 * disagreement and write it to the findings directory with the command that
 * reproduces it. Specs run `jobs` at a time (TLC in child processes); each
 * spec depends only on its seed, so a run is deterministic per seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FSpec } from './ast.js';
import { checkSpecFile, differenceKind, type SpecOutcome } from './differential.js';
import { DEFAULT_COLLIDE, generateSpec } from './generate.js';
import { renderSpec } from './render.js';
import { shrink } from './shrink.js';
import { SpecProject } from '../parse/source.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DSL = path.join(REPO_ROOT, 'src', 'dsl', 'index.js');

export interface FuzzOptions {
  seed: number;
  count: number;
  jobs: number;
  /** Probability of drawing a name that clashes with a TLA+ word. */
  collide: number;
  maxStates: number;
  /** Tries the shrinker may spend on one disagreement; 0 = do not shrink. */
  shrinkBudget: number;
  findingsDir: string;
  workDir: string;
  tlcTimeoutMs: number;
  /** Start no new spec after this many seconds (null: no limit); the summary says how many ran. */
  timeLimitSeconds: number | null;
}

export const DEFAULT_FUZZ_OPTIONS: Omit<FuzzOptions, 'seed' | 'count'> = {
  jobs: 2,
  collide: DEFAULT_COLLIDE,
  maxStates: 5000,
  shrinkBudget: 80,
  findingsDir: path.join(REPO_ROOT, 'fuzz-findings'),
  workDir: path.join(REPO_ROOT, '.fuzz-work'),
  tlcTimeoutMs: 120_000,
  timeLimitSeconds: null,
};

export interface Finding {
  file: string;
  /** The command that shows the disagreement on the written file. */
  command: string;
  differences: string[];
  shrinkTries: number;
}

export interface SpecReport {
  seed: number;
  outcome: SpecOutcome;
  seconds: number;
  finding: Finding | null;
}

export interface FuzzSummary {
  seeds: [number, number];
  specs: number;
  agree: number;
  disagree: number;
  rejected: number;
  refused: number;
  skipped: number;
  seconds: number;
  reports: SpecReport[];
}

/** Writes the spec as a file in `dir` (the DSL import made relative to it) and returns the path. */
export function writeSpecFile(spec: FSpec, dir: string, base: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${base}.ts`);
  let dsl = path.relative(dir, DSL).split(path.sep).join('/');
  if (!dsl.startsWith('.')) dsl = `./${dsl}`;
  writeFileSync(file, renderSpec(spec, dsl));
  return file;
}

/** The kinds of difference in an outcome, which a shrunk spec must keep showing. */
function kindsOf(outcome: SpecOutcome): Set<string> {
  if (outcome.kind !== 'disagree') return new Set();
  return new Set(outcome.models.length === 0 ? outcome.differences.map(differenceKind) : outcome.models.flatMap((m) => m.differences.map(differenceKind)));
}

/**
 * A name drawn to clash is refused at parse time (DSX004) when TLA+ cannot
 * take it; that refusal, naming the clashing name, is the expected outcome.
 * Any other rejection is still a generator bug.
 */
export function refusedClash(spec: FSpec, outcome: SpecOutcome): SpecOutcome {
  if (outcome.kind !== 'rejected' || outcome.code !== 'DSX004') return outcome;
  const name = spec.clashes.find((n) => outcome.message.includes(`'${n}'`));
  return name === undefined ? outcome : { kind: 'refused', name, message: outcome.message };
}

/** One TypeScript project for every spec of the run: the parser reads lib.d.ts and src/dsl once. */
const project = new SpecProject();

export async function fuzzOne(seed: number, options: FuzzOptions, job: number): Promise<SpecReport> {
  const started = performance.now();
  const spec = generateSpec(seed, { collide: options.collide });
  // Per process and job: two fuzz runs in one checkout must not write over each other's files.
  const jobDir = path.join(options.workDir, `${process.pid}-job${job}`);
  const check = async (s: FSpec, base: string): Promise<SpecOutcome> => {
    const file = writeSpecFile(s, jobDir, base);
    try {
      return await checkSpecFile(file, { maxStates: options.maxStates, workDir: path.join(jobDir, 'tla'), tlcTimeoutMs: options.tlcTimeoutMs, project });
    } catch (err) {
      // daxspec itself threw (never a user error): a finding like a disagreement, and the run goes on.
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return { kind: 'disagree', models: [], differences: [`crash: ${message.split('\n')[0]}`] };
    }
  };
  const outcome = refusedClash(spec, await check(spec, `fuzz_${seed}`));
  let finding: Finding | null = null;
  if (outcome.kind === 'disagree') {
    const wanted = kindsOf(outcome);
    let smallest = spec;
    let tries = 0;
    if (options.shrinkBudget > 0) {
      const shrunk = await shrink(spec, async (candidate) => {
        const o = await check(candidate, `fuzz_${seed}_try`);
        return [...kindsOf(o)].some((k) => wanted.has(k));
      }, options.shrinkBudget);
      smallest = shrunk.spec;
      tries = shrunk.tries;
    }
    const file = writeSpecFile(smallest, options.findingsDir, `${seed}`);
    const rel = path.relative(process.cwd(), file);
    const final = await check(smallest, `fuzz_${seed}_final`);
    finding = {
      file: rel,
      command: `npx daxspec tlc ${rel}    # or: npm run fuzz -- --seed ${seed} --count 1`,
      differences: final.kind === 'disagree' ? final.differences : outcome.differences,
      shrinkTries: tries,
    };
  }
  return { seed, outcome, seconds: (performance.now() - started) / 1000, finding };
}

/** Runs seeds seed .. seed+count-1, `jobs` at a time; `onReport` sees each spec as it finishes. */
export async function runFuzz(options: FuzzOptions, onReport: (r: SpecReport, done: number) => void = () => {}): Promise<FuzzSummary> {
  const started = performance.now();
  const reports: SpecReport[] = [];
  let next = 0;
  const worker = async (job: number): Promise<void> => {
    const overTime = (): boolean => options.timeLimitSeconds !== null && (performance.now() - started) / 1000 > options.timeLimitSeconds;
    while (next < options.count && !overTime()) {
      const seed = options.seed + next++;
      const report = await fuzzOne(seed, options, job);
      reports.push(report);
      onReport(report, reports.length);
      if (report.outcome.kind === 'unavailable') next = options.count;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, options.count)) }, (_, j) => worker(j)));
  reports.sort((a, b) => a.seed - b.seed);
  const count = (kind: SpecOutcome['kind']): number => reports.filter((r) => r.outcome.kind === kind).length;
  return {
    seeds: [options.seed, options.seed + options.count - 1],
    specs: reports.length,
    agree: count('agree'),
    disagree: count('disagree'),
    rejected: count('rejected'),
    refused: count('refused'),
    skipped: count('skipped'),
    seconds: (performance.now() - started) / 1000,
    reports,
  };
}
