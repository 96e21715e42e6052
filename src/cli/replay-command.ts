/**
 * `daxspec replay`: runs a given interleaving of one model and prints it as
 * the check's trace table, where it stopped, and what holds at its end.
 * Exit 0 when every step ran, 1 when one could not.
 */
import type { CliArgs } from './args.js';
import { selectModels } from './check-command.js';
import { explainTrace } from '../check/explain.js';
import { runScenario } from '../check/scenario.js';
import { loadSpec } from '../parse/cached.js';
import { scenarioJson, scenarioReport } from '../render/scenario.js';

export async function runReplay(args: CliArgs): Promise<number> {
  const { spec } = await loadSpec(args.files[0]!);
  const model = selectModels(spec, args.models)[0]!;
  const scenario = runScenario(spec, model, args.steps!);
  const explained = explainTrace(scenario.machine, scenario.trace);
  if (args.json) process.stdout.write(`${JSON.stringify(scenarioJson(spec.name, model.name, scenario, explained))}\n`);
  else process.stdout.write(`${scenarioReport(spec.file, model.name, scenario, explained).join('\n')}\n`);
  return scenario.stopped === null ? 0 : 1;
}
