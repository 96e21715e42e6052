/**
 * `daxspec simulate`: random walks of one model, progress on a terminal, a
 * summary line, and the walk that violated a property as a trace table
 * (--json: one object, with check --json's keys for the model, the verdict
 * and the trace). Exit 0 when the outcome is the model's expected one, 1 otherwise.
 */
import type { CliArgs } from './args.js';
import { jsonTraceOf, selectModels } from './check-command.js';
import { simulationJson } from '../render/json.js';
import { explainTrace } from '../check/explain.js';
import { describeVerdict, matchesExpectation } from '../check/result.js';
import { simulate } from '../check/simulate.js';
import { loadSpec } from '../parse/cached.js';
import { traceTable } from '../render/text.js';
import { htmlPage } from '../render/html.js';
import { traceViewOf } from '../render/html-view.js';
import { writeFileSync } from 'node:fs';

export async function runSimulate(args: CliArgs): Promise<number> {
  const { spec } = await loadSpec(args.files[0]!);
  const model = selectModels(spec, args.models)[0]!;
  const tty = process.stderr.isTTY;
  const started = performance.now();
  const r = simulate(spec, model, {
    seed: args.seed,
    depth: args.depth,
    runs: args.runs,
    onWalk: tty ? (done, distinct) => { if (done % 50 === 0) process.stderr.write(`\r${model.name}: ${done} of ${args.runs} walks, ${distinct} distinct states`); } : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - started) / 1000;
  const asExpected = r.verdict.kind === 'holds' ? model.expect.kind === 'holds' : matchesExpectation(model.expect, r.verdict);
  const explained = r.trace === null ? null : explainTrace(r.machine, r.trace);
  if (args.html !== null && r.trace !== null && r.verdict.kind === 'violated') {
    writeFileSync(args.html, htmlPage(traceViewOf(spec, model, r.verdict, r.machine, r.trace)));
    if (!args.json) process.stderr.write(`${model.name}: HTML page written to ${args.html}\n`);
  }
  if (args.json) {
    const summary = { verdict: r.verdict, asExpected, seed: args.seed, runs: args.runs, depthLimit: args.depth, walks: r.walks, distinctStates: r.distinctStates, longestWalk: r.maxDepth, seconds };
    const json = simulationJson(spec.name, model, summary, r.trace && explained ? jsonTraceOf(spec, r.machine, r.trace, explained) : null);
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return asExpected ? 0 : 1;
  }
  const found = r.verdict.kind === 'violated' ? `${describeVerdict(r.verdict)} in walk ${r.walks}` : `no violation in ${r.walks} walks`;
  process.stdout.write(`${model.name}: ${found} (seed ${args.seed}, depth ${args.depth}); ${r.distinctStates} distinct states seen, longest walk ${r.maxDepth} steps\n`);
  if (explained !== null) {
    const lines = traceTable(explained, r.verdict.kind === 'violated' && r.verdict.propertyKind === 'deadlock');
    process.stdout.write(`${lines.join('\n')}\n`);
    if (r.verdict.kind === 'violated' && r.verdict.property === 'NoLostWakeup') process.stdout.write(`    then ${r.verdict.thread} can never be woken (every continuation explored)\n`);
  }
  return asExpected ? 0 : 1;
}
