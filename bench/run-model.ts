/**
 * One bench measurement, run in a child process of bench/check.ts so that
 * its peak RSS is its own: checks one model and prints a JSON line with the
 * counts, CPU seconds (exploration and liveness apart), the bytes the
 * checker's arrays take per state and the process's peak RSS.
 *
 *   tsx bench/run-model.ts <spec.ts> <model | scale-N | large-15> [--max-states N]
 */
import { checkModel } from '../src/check/check.js';
import { graphBytes } from '../src/check/graph.js';
import { parseSpecFile } from '../src/parse/spec.js';
import { LARGE_MODEL, largeModel } from './large-model.js';
import { scaleModel } from './scale-family.js';

const [file, name] = process.argv.slice(2);
const maxAt = process.argv.indexOf('--max-states');
const maxStates = maxAt >= 0 ? Number(process.argv[maxAt + 1]) : undefined;
const spec = parseSpecFile(file!);
const scale = /^scale-(\d+)$/.exec(name!);
const model = scale ? scaleModel(spec, Number(scale[1])) : name === LARGE_MODEL ? largeModel(spec) : spec.models.find((m) => m.name === name);
if (model === undefined) throw new Error(`no model ${name} in ${file}`);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const c0 = cpu();
let livenessFrom: number | null = null;
const { result, graph } = checkModel(spec, model, {
  maxStates,
  onLiveness: () => {
    livenessFrom ??= cpu();
  },
});
const c1 = cpu();
const exploreCpu = (livenessFrom ?? c1) - c0;
console.log(JSON.stringify({
  model: `${spec.name}/${model.name}`,
  threads: model.threads.length,
  states: result.distinctStates,
  transitions: result.transitions,
  verdict: result.verdict.kind === 'violated' ? `violates ${result.verdict.property}` : result.verdict.kind,
  exploreCpu,
  livenessCpu: c1 - c0 - exploreCpu,
  wall: result.seconds,
  arrayBytesPerState: graphBytes(graph) / result.distinctStates,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
}));
