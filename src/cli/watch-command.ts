/**
 * `daxspec check --watch`: check once, then again whenever the spec or a file
 * it imports is saved, printing only what changed: the models whose result
 * (verdict, counts, counterexample) differs from the last run, models that
 * appeared or went away, and a spec error once until it is fixed. Runs until
 * interrupted. The parsed-model cache makes an unchanged import free.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { CliArgs } from './args.js';
import { selectModels } from './check-command.js';
import { checkModel } from '../check/check.js';
import { explainTrace } from '../check/explain.js';
import { SpecError, formatSpecError } from '../model/errors.js';
import { loadSpec, sourceClosure } from '../parse/cached.js';
import { formatSeconds, modelReport } from '../render/text.js';

/** Coalesces the several events an editor's save produces. */
const SETTLE_MS = 100;

export interface WatchRound {
  /** What to print. */
  lines: string[];
  /** Model name → its report without run times: what "changed" compares. */
  reports: Map<string, string>;
  error: string | null;
}

/** One check of `file` against the previous round: the lines worth printing. */
export async function watchRound(file: string, args: CliArgs, previous: WatchRound | null): Promise<WatchRound> {
  const started = performance.now();
  const stamp = new Date().toTimeString().slice(0, 8);
  try {
    const { spec } = await loadSpec(file);
    const models = selectModels(spec, args.models);
    const width = Math.max(...models.map((m) => m.name.length));
    const reports = new Map<string, string>();
    const changed: string[] = [];
    let failures = 0;
    for (const model of models) {
      const { result, machine } = checkModel(spec, model, { maxStates: args.maxStates ?? undefined });
      if (!result.asExpected) failures++;
      const explained = result.trace ? explainTrace(machine, result.trace) : null;
      // Compared without run times and padding: a longer name elsewhere changes nothing here.
      const report = modelReport(result, explained, 0, { times: false }).join('\n');
      reports.set(model.name, report);
      if (previous?.reports.get(model.name) !== report) changed.push(modelReport(result, explained, width).join('\n'));
    }
    const gone = previous === null ? [] : [...previous.reports.keys()].filter((name) => !reports.has(name));
    const seconds = formatSeconds((performance.now() - started) / 1000);
    const summary = `${models.length - failures} of ${models.length} model(s) got their expected verdict${failures ? `; ${failures} did not` : ''}`;
    const lines = previous === null
      ? [`${spec.file}: ${spec.name}, ${models.length} model(s)`, ...changed, summary]
      : changed.length === 0 && gone.length === 0 && previous.error === null
        ? [`[${stamp}] ${spec.file}: no change (${models.length} model(s) re-checked, ${seconds})`]
        : [`[${stamp}] ${spec.file}: ${changed.length} of ${models.length} model(s) changed (${seconds})`, ...changed, ...gone.map((name) => `gone ${name}`), summary];
    return { lines, reports, error: null };
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    const error = formatSpecError(err);
    const lines = previous?.error === error ? [] : [`[${stamp}] ${error}`];
    return { lines, reports: previous?.reports ?? new Map(), error };
  }
}

export async function runWatch(args: CliArgs): Promise<number> {
  const file = args.files[0]!;
  let last: WatchRound | null = null;
  /** The spec's files (what a change event must name) and a watcher per directory holding one. */
  let files = new Set<string>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const round = async (): Promise<void> => {
    last = await watchRound(file, args, last);
    // Watch the files of this version before saying anything: a save made
    // as soon as the output appears must not fall between two watchers.
    rewatch();
    if (last.lines.length > 0) process.stdout.write(`${last.lines.join('\n')}\n`);
  };
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = running.then(round).catch((err: unknown) => {
        process.stderr.write(`daxspec: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      });
    }, SETTLE_MS);
  };
  /**
   * Directories are watched (an editor may replace a file rather than write
   * it) and events filtered to the spec's files. Watchers are only added,
   * never closed and reopened, so no event is lost in between.
   */
  const rewatch = (): void => {
    files = new Set(sourceClosure(path.resolve(file)));
    for (const dir of new Set([...files].map((f) => path.dirname(f)))) {
      if (watchers.has(dir)) continue;
      watchers.set(dir, watch(dir, (_event, name) => {
        if (name !== null && files.has(path.join(dir, name.toString()))) schedule();
      }));
    }
  };

  running = round();
  await running;
  process.stdout.write('watching for changes (Ctrl-C to stop)\n');
  return new Promise<number>(() => {});
}
