/**
 * `daxspec check`: every (or each named) model of a spec, a line per model,
 * the counterexample of each violation, progress on a terminal.
 */
import { coverageOf, coverageWarnings, groupedWarnings, untestedVariantWarnings, type VariantRun } from '../check/coverage.js';
import { coverageLines, traceTable } from '../render/text.js';
import { wakeWitness } from '../check/witness.js';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from '../check/compile.js';
import { describeVerdict, type Trace } from '../check/result.js';
import { itfTrace } from '../render/itf.js';
import { htmlPage } from '../render/html.js';
import { traceViewOf } from '../render/html-view.js';
import type { Json } from '../render/json.js';
import type { CliArgs } from './args.js';
import { exitCode } from './exit-codes.js';
import { checkModel } from '../check/check.js';
import { explainTrace, type ExplainedTrace } from '../check/explain.js';
import type { Progress } from '../check/explore.js';
import { SpecError } from '../model/errors.js';
import type { SourceLoc, SpecModel } from '../model/ir.js';
import { decodeState, stateVariables } from '../model/values.js';
import { localNames } from '../model/init.js';
import { loadSpecReportingWarnings } from './load-spec.js';
import { coverageJson, resultJson, type JsonTraceInput } from '../render/json.js';
import { sequenceDiagram } from '../render/diagram.js';
import { configurationHeading, modelReport } from '../render/text.js';
import { commitReport } from '../render/commit.js';
import { readerTrace } from '../check/slice.js';

/** The models named (all when none is), then only those of the variants named (all when none is). */
export function selectModels(spec: SpecModel, names: string[], variants: string[] = []): SpecModel['models'] {
  for (const v of variants) {
    if (!spec.variants.includes(v)) throw new SpecError('DSX006', `${spec.file} has no variant '${v}'`, null, `its variants: ${spec.variants.join(', ')} (a new variant is declared in defineSpec({ variants }) and tested with k.variant === '...')`);
  }
  const named = names.length === 0 ? spec.models : names.map((n) => {
    const m = spec.models.find((x) => x.name === n);
    if (m === undefined) throw new SpecError('DSX006', `${spec.file} has no model '${n}'`, null, `its models: ${spec.models.map((x) => x.name).join(', ')}`);
    return m;
  });
  const selected = variants.length === 0 ? named : named.filter((m) => variants.includes(m.variant));
  if (selected.length === 0) throw new SpecError('DSX006', `no model of ${spec.file} is ${names.length > 0 ? 'both named and ' : ''}of variant ${variants.join(' or ')}`, null, 'drop --model, or name a model of that variant');
  return selected;
}

/** trace.itf.json → trace-buggy.itf.json: one file per model when several are checked (--itf, --html). */
export function itfFileFor(file: string, model: string): string {
  const dot = file.indexOf('.', file.lastIndexOf('/') + 1);
  return dot < 0 ? `${file}-${model}` : `${file.slice(0, dot)}-${model}${file.slice(dot)}`;
}

function itfOf(spec: SpecModel, model: string, verdict: string, machine: Machine, trace: Trace): Record<string, Json> {
  return itfTrace({
    file: spec.file,
    model,
    description: `${spec.name} model ${model}: ${verdict}`,
    vars: stateVariables(spec),
    states: trace.states.map((s) => decodeState(spec, machine.layout, s)),
    loop: trace.loop === null ? null : trace.loop.kind === 'backTo' ? trace.loop.backTo : trace.states.length - 1,
  });
}

/** A trace as --json gives it: decoded states, per-thread variables keyed by thread id (check and simulate alike). */
export function jsonTraceOf(spec: SpecModel, machine: Machine, trace: Trace, explained: ExplainedTrace): JsonTraceInput {
  return {
    explained,
    states: trace.states.map((s) => decodeState(spec, machine.layout, s)),
    perThread: new Set(['pc', ...localNames(spec).map((l) => l.name)]),
  };
}

export async function runCheck(args: CliArgs): Promise<number> {
  const spec = await loadSpecReportingWarnings(args.files[0]!);
  const models = selectModels(spec, args.models, args.variants);
  const width = Math.max(...models.map((m) => m.name.length));
  let failures = 0;
  let incomplete = 0;
  const modelWarnings: { model: string; warnings: string[] }[] = [];
  const variantRuns: VariantRun[] = [];
  if (args.format === 'text') process.stdout.write(`${spec.file}: ${spec.name}, ${models.length} model(s)\n`);
  for (const [i, model] of models.entries()) {
    const progress = progressReporter(model.name);
    const { result, machine, graph, branches } = checkModel(spec, model, { branchCounts: args.coverage, maxStates: args.maxStates ?? undefined, maxMemory: args.maxMemory ?? undefined, onProgress: progress.report, onLiveness: progress.liveness });
    progress.clear();
    if (result.verdict.kind === 'incomplete') incomplete++;
    else if (!result.asExpected) failures++;
    const explained = result.trace ? explainTrace(machine, result.trace) : null;
    // Coverage needs the whole graph: not after a check stopped at an invariant, a deadlock or a limit.
    const complete = result.verdict.kind === 'holds' || (result.verdict.kind === 'violated' && result.verdict.propertyKind === 'liveness');
    const coverage = complete ? coverageOf(graph, branches) : null;
    const warnings = coverage ? coverageWarnings(coverage, result.verdict.kind === 'holds') : [];
    modelWarnings.push({ model: model.name, warnings });
    variantRuns.push({ variant: model.variant, holds: result.verdict.kind === 'holds', record: branches });
    if (args.itf !== null && result.trace !== null) {
      const file = models.length === 1 ? args.itf : itfFileFor(args.itf, model.name);
      writeFileSync(file, `${JSON.stringify(itfOf(spec, model.name, describeVerdict(result.verdict), machine, result.trace), null, 1)}\n`);
      if (!args.json) process.stderr.write(`${model.name}: ITF trace written to ${file}\n`);
    }
    if (args.html !== null && result.trace !== null) {
      const file = models.length === 1 ? args.html : itfFileFor(args.html, model.name);
      writeFileSync(file, htmlPage(traceViewOf(spec, model, result.verdict, machine, result.trace)));
      if (!args.json) process.stderr.write(`${model.name}: HTML page written to ${file}\n`);
    }
    if (args.json) {
      const json = { ...resultJson(result, model, result.trace && explained ? jsonTraceOf(spec, machine, result.trace, explained) : null), warnings, coverage: args.coverage && coverage ? coverageJson(coverage) : null };
      process.stdout.write(`${JSON.stringify(json)}\n`);
      continue;
    }
    if (args.format === 'commit') {
      const shown = readerTrace(machine, result);
      process.stdout.write(`${commitReport(result, shown ? explainTrace(machine, shown.trace) : null).join('\n')}\n`);
      continue;
    }
    const heading = configurationHeading(models[i - 1] ?? null, model);
    if (heading !== null) process.stdout.write(`${heading}\n`);
    process.stdout.write(`${modelReport(result, explained, width, { times: true }, model.doc).join('\n')}\n`);
    if (args.coverage && coverage) process.stdout.write(`${coverageLines(coverage, sourceLine).join('\n')}\n`);
    if (args.witness && result.verdict.kind === 'holds') {
      const witness = wakeWitness(graph);
      if (witness === null) process.stdout.write('    witness: none: no thread ever sleeps, so NoLostWakeup holds vacuously\n');
      else process.stdout.write(`${[`    witness: ${witness.woken} sleeps and is woken`, ...traceTable(explainTrace(machine, witness.trace))].join('\n')}\n`);
    }
    if (args.diagram && explained && result.verdict.kind === 'violated') {
      process.stdout.write(`\n\`\`\`mermaid\n${sequenceDiagram(explained, model.threads.map((t) => t.name), { deadlock: result.verdict.propertyKind === 'deadlock' })}\n\`\`\`\n\n`);
    }
  }
  if (args.format === 'text') {
    const ok = models.length - failures - incomplete;
    const notes = [failures ? `${failures} did not` : '', incomplete ? `${incomplete} incomplete` : ''].filter((n) => n !== '');
    process.stdout.write(`${ok} of ${models.length} model(s) got their expected verdict${notes.length ? `; ${notes.join(', ')}` : ''}\n`);
  }
  // Printed once at the end, so a line that never runs in ten models is one warning, not ten.
  for (const w of [...groupedWarnings(modelWarnings), ...untestedVariantWarnings(variantRuns)]) process.stderr.write(`warning: ${w}\n`);
  // A wrong verdict outranks a run that did not finish.
  return exitCode(failures > 0 ? 'wrongVerdict' : incomplete > 0 ? 'incomplete' : 'ok');
}

const sourceFiles = new Map<string, string[] | null>();

/** The text of a spec line, trimmed, for the coverage table (null when the file cannot be read). */
function sourceLine(loc: SourceLoc): string | null {
  if (!sourceFiles.has(loc.file)) {
    let lines: string[] | null = null;
    try {
      lines = readFileSync(loc.file, 'utf8').split('\n');
    } catch {
      // A spec read from elsewhere: the table shows the position only.
    }
    sourceFiles.set(loc.file, lines);
  }
  return sourceFiles.get(loc.file)?.[loc.line - 1]?.trim() ?? null;
}

/** Progress on stderr after a second, only on a terminal. */
function progressReporter(model: string): { report?: (p: Progress) => void; liveness?: (property: string) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { clear: () => {} };
  let shown = false;
  const started = performance.now();
  return {
    liveness: (property) => {
      if (performance.now() - started < 1000) return;
      shown = true;
      process.stderr.write(`\r\x1b[K${model}: checking ${property}...`);
    },
    report: (p) => {
      if (p.seconds < 1) return;
      shown = true;
      const rate = Math.round(p.states / p.seconds);
      process.stderr.write(`\r${model}: ${p.states} states (${rate}/s), queue ${p.queue}, ${p.seconds.toFixed(1)}s   `);
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
