/**
 * Checks one spec file both ways — the interpreter on every model, TLC on
 * the emitted modules — and says whether they agree: verdict, violated
 * property, distinct states (complete runs) and the replay of TLC's
 * counterexample, as src/tlc/agreement.ts compares them for `daxspec tlc`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkModel, type CheckRun } from '../check/check.js';
import { emitSpec, vocabularyModule } from '../emit/index.js';
import { modelModuleName } from '../emit/names.js';
import { SpecError, formatSpecError } from '../model/errors.js';
import type { SpecModel } from '../model/ir.js';
import { parseSpecFile } from '../parse/spec.js';
import type { SpecProject } from '../parse/source.js';
import { compareWithTlc, describeTlcOutcome } from '../tlc/agreement.js';
import type { TlcResult } from '../tlc/parse-output.js';
import { runTlc } from '../tlc/run.js';

export interface DifferentialOptions {
  /** Interpreter state limit; a larger model is skipped (the fuzzer wants small ones). */
  maxStates: number;
  /** Scratch directory for the emitted modules (created, and emptied afterwards). */
  workDir: string;
  tlcTimeoutMs: number;
  /** Changes an emitted file before TLC reads it: how a test plants a disagreement to see it caught. */
  tamper?: (file: string, text: string) => string;
  /** A TypeScript project reused between specs (much faster parsing). */
  project?: SpecProject;
}

export interface ModelComparison {
  model: string;
  interpreter: string;
  tlc: string;
  states: number | null;
  differences: string[];
}

export type SpecOutcome =
  /** The parser (or TypeScript) rejected the file: a generator bug, or a name the DSL refuses. */
  | { kind: 'rejected'; message: string; code: string }
  /** The parser refused a name the generator drew to clash with a TLA+ word, and said which: as it should. */
  | { kind: 'refused'; name: string; message: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'agree'; models: ModelComparison[] }
  | { kind: 'disagree'; models: ModelComparison[]; differences: string[] }
  | { kind: 'unavailable'; reason: string };

/** The first words of a difference, which name its kind ("verdict", "distinct states", ...): what shrinking must keep. */
export function differenceKind(difference: string): string {
  return difference.split(':')[0]!.trim();
}

type Interpreted = { kind: 'run'; run: CheckRun } | { kind: 'failed'; message: string };

/** Runs the interpreter on one model: its verdict, or the step failure that stopped it. */
function interpret(spec: SpecModel, model: SpecModel['models'][number], maxStates: number): Interpreted | { kind: 'tooLarge' } {
  try {
    const run = checkModel(spec, model, { maxStates });
    return run.result.verdict.kind === 'incomplete' ? { kind: 'tooLarge' } : { kind: 'run', run };
  } catch (err) {
    if (err instanceof SpecError && err.code === 'DSX005') return { kind: 'failed', message: err.message };
    throw err;
  }
}

/** Compares what the interpreter and TLC said about one model. */
export function compareModel(model: string, ours: Interpreted, tlc: TlcResult, tlcSeconds: number): ModelComparison {
  if (ours.kind === 'failed') {
    // A step that fails at run time must stop TLC too (with an error), never pass there.
    const differences = tlc.outcome.kind === 'error' ? [] : [`step failure: interpreter fails (${ours.message}), TLC ${describeTlcOutcome(tlc.outcome)}`];
    return { model, interpreter: `fails: ${ours.message}`, tlc: describeTlcOutcome(tlc.outcome), states: null, differences };
  }
  if (tlc.outcome.kind === 'error') {
    return {
      model,
      interpreter: ours.run.result.verdict.kind,
      tlc: describeTlcOutcome(tlc.outcome),
      states: ours.run.result.distinctStates,
      differences: [`TLC error: ${tlc.outcome.message.split('\n').slice(0, 3).join(' ').trim() || '(no message)'}`],
    };
  }
  const a = compareWithTlc(ours.run, tlc, tlcSeconds);
  return { model, interpreter: a.interpreter.verdict, tlc: a.tlc.verdict, states: a.interpreter.distinctStates, differences: a.differences };
}

export async function checkSpecFile(file: string, options: DifferentialOptions): Promise<SpecOutcome> {
  let spec: SpecModel;
  try {
    spec = parseSpecFile(file, { project: options.project });
  } catch (err) {
    if (err instanceof SpecError) return { kind: 'rejected', message: formatSpecError(err), code: err.code };
    throw err;
  }
  const interpreted: [SpecModel['models'][number], Interpreted][] = [];
  for (const model of spec.models) {
    const r = interpret(spec, model, options.maxStates);
    if (r.kind === 'tooLarge') return { kind: 'skipped', reason: `model ${model.name} has more than ${options.maxStates} states` };
    interpreted.push([model, r]);
  }
  mkdirSync(options.workDir, { recursive: true });
  try {
    let emitted: Map<string, string>;
    try {
      emitted = emitSpec(spec);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { kind: 'disagree', models: [], differences: [`emit failed: ${message}`] };
    }
    writeFileSync(path.join(options.workDir, 'DaxVocabulary.tla'), vocabularyModule());
    for (const [name, text] of emitted) writeFileSync(path.join(options.workDir, name), options.tamper ? options.tamper(name, text) : text);
    const models: ModelComparison[] = [];
    for (const [model, ours] of interpreted) {
      const base = path.join(options.workDir, modelModuleName(spec.name, model.name));
      let tlc: Awaited<ReturnType<typeof runTlc>>;
      try {
        // A step that fails is an error wherever TLC meets its state, but TLC checks
        // liveness periodically and may stop at a temporal violation before it gets
        // there: when the interpreter failed, TLC checks liveness only after the whole graph.
        tlc = await runTlc(`${base}.tla`, `${base}.cfg`, { workers: 1, fastStart: true, livenessFinal: ours.kind === 'failed', timeoutMs: options.tlcTimeoutMs });
      } catch (err) {
        // TLC printed something our output grammar cannot read: worth a look, like a disagreement.
        models.push({ model: model.name, interpreter: '?', tlc: '?', states: null, differences: [`TLC output unreadable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`] });
        continue;
      }
      if (tlc.kind === 'unavailable') return { kind: 'unavailable', reason: tlc.reason };
      if (tlc.kind !== 'ran') {
        // No verdict from TLC: worth a look, like a disagreement.
        const why = tlc.kind === 'failed' ? `TLC output unreadable: ${tlc.reason}` : tlc.kind === 'killed' ? `TLC was killed by ${tlc.signal}` : 'TLC run cancelled';
        models.push({ model: model.name, interpreter: '?', tlc: '?', states: null, differences: [why] });
        continue;
      }
      models.push(compareModel(model.name, ours, tlc.result, tlc.seconds));
    }
    const differences = models.flatMap((m) => m.differences.map((d) => `${m.model}: ${d}`));
    return differences.length === 0 ? { kind: 'agree', models } : { kind: 'disagree', models, differences };
  } finally {
    rmSync(options.workDir, { recursive: true, force: true });
  }
}
