/**
 * The pages under docs/bugs/ quote the checker's own output. Each quote is a
 * block
 *
 *   <!-- daxspec check spec/x.ts --model a --model b -->
 *   ```text
 *   ...
 *   ```
 *   <!-- end -->
 *
 * whose body this module regenerates (without run times, so a page only
 * changes when a verdict, a count or a trace does). A block
 * `<!-- daxspec diagram spec/x.ts --model a -->` with a ```mermaid fence
 * holds the counterexample of one model as a sequence diagram, and
 * `<!-- daxspec commit spec/x.ts --model a -->` with a ```text fence the
 * race as `daxspec check --format commit` prints it (for a commit message).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkModel, type CheckRun } from '../check/check.js';
import { explainTrace } from '../check/explain.js';
import { SpecError } from '../model/errors.js';
import type { SpecModel } from '../model/ir.js';
import { parseSpecFile } from '../parse/spec.js';
import { sequenceDiagram } from '../render/diagram.js';
import { configurationHeading, modelReport } from '../render/text.js';
import { commitReport } from '../render/commit.js';
import { readerTrace } from '../check/slice.js';

export const BUG_PAGES_DIR = 'docs/bugs';

/** Each model is checked once per parsed spec, however many blocks quote it. */
type Run = Pick<CheckRun, 'result' | 'machine'>;
const runs = new WeakMap<SpecModel, Map<string, Run>>();
function runOf(spec: SpecModel, model: SpecModel['models'][number]): Run {
  let bySpec = runs.get(spec);
  if (bySpec === undefined) runs.set(spec, (bySpec = new Map()));
  let run = bySpec.get(model.name);
  if (run === undefined) {
    const { result, machine } = checkModel(spec, model); // not the state graph: it can be large
    bySpec.set(model.name, (run = { result, machine }));
  }
  return run;
}

const BLOCK = /<!-- daxspec (check|diagram|commit) ([^>]*?) -->\n```(?:text|mermaid)\n[\s\S]*?```\n<!-- end -->/g;

/** The output `daxspec check` prints for these models, without times. */
export function checkOutput(spec: SpecModel, modelNames: string[]): string {
  const models = modelNames.length === 0 ? spec.models : modelNames.map((n) => {
    const m = spec.models.find((x) => x.name === n);
    if (m === undefined) throw new SpecError('DSX006', `${spec.file} has no model '${n}'`, null, `its models: ${spec.models.map((x) => x.name).join(', ')}`);
    return m;
  });
  const width = Math.max(...models.map((m) => m.name.length));
  const lines: string[] = [`$ daxspec check ${spec.file}${modelNames.map((n) => ` --model ${n}`).join('')}`];
  models.forEach((model, i) => {
    const heading = configurationHeading(models[i - 1] ?? null, model);
    if (heading !== null) lines.push(heading);
    const { result, machine } = runOf(spec, model);
    const explained = result.trace ? explainTrace(machine, result.trace) : null;
    lines.push(...modelReport(result, explained, width, { times: false }, model.doc));
  });
  return lines.join('\n');
}

/** The races of these models as `daxspec check --format commit` prints them. */
export function commitOutput(spec: SpecModel, modelNames: string[]): string {
  const lines: string[] = [`$ daxspec check ${spec.file}${modelNames.map((n) => ` --model ${n}`).join('')} --format commit`];
  for (const name of modelNames) {
    const model = spec.models.find((x) => x.name === name);
    if (model === undefined) throw new SpecError('DSX006', `${spec.file} has no model '${name}'`, null, `its models: ${spec.models.map((x) => x.name).join(', ')}`);
    const { result, machine } = runOf(spec, model);
    const shown = readerTrace(machine, result);
    lines.push(...commitReport(result, shown ? explainTrace(machine, shown.trace) : null));
  }
  return lines.join('\n').trimEnd();
}

/** The counterexample of one model as a Mermaid sequence diagram. */
export function diagramOutput(spec: SpecModel, modelNames: string[]): string {
  const model = spec.models.find((x) => x.name === modelNames[0]);
  if (model === undefined || modelNames.length !== 1) {
    throw new SpecError('DSX006', `a diagram block names exactly one model of ${spec.file}`, null, `its models: ${spec.models.map((x) => x.name).join(', ')}`);
  }
  const { result, machine } = runOf(spec, model);
  if (result.trace === null) return `sequenceDiagram\n  Note over ${'XA'}: ${model.name}: ${result.verdict.kind}, no counterexample`;
  return sequenceDiagram(explainTrace(machine, result.trace), model.threads.map((t) => t.name), { deadlock: result.verdict.kind === 'violated' && result.verdict.propertyKind === 'deadlock' });
}

/** The page with every block's body regenerated. */
export function regeneratePage(page: string, specs = new Map<string, SpecModel>()): string {
  return page.replace(BLOCK, (_, kind: string, args: string) => {
    const [file, ...rest] = args.trim().split(/\s+/);
    const models: string[] = [];
    for (let i = 0; i < rest.length; i++) if (rest[i] === '--model' && rest[i + 1]) models.push(rest[++i]!);
    let spec = specs.get(file!);
    if (spec === undefined) {
      spec = parseSpecFile(file!);
      specs.set(file!, spec);
    }
    if (kind === 'commit') {
      return `<!-- daxspec commit ${args.trim()} -->\n\`\`\`text\n${commitOutput(spec, models)}\n\`\`\`\n<!-- end -->`;
    }
    if (kind === 'diagram') {
      return `<!-- daxspec diagram ${args.trim()} -->\n\`\`\`mermaid\n${diagramOutput(spec, models)}\n\`\`\`\n<!-- end -->`;
    }
    return `<!-- daxspec check ${args.trim()} -->\n\`\`\`text\n${checkOutput(spec, models)}\n\`\`\`\n<!-- end -->`;
  });
}

export function bugPages(): string[] {
  return readdirSync(BUG_PAGES_DIR).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(BUG_PAGES_DIR, f));
}

export function countBlocks(page: string): number {
  return [...page.matchAll(BLOCK)].length;
}

/** The pages whose quotes differ from what the checker prints now. */
export function staleBugPages(): string[] {
  const specs = new Map<string, SpecModel>();
  return bugPages().filter((file) => {
    const page = readFileSync(file, 'utf8');
    return regeneratePage(page, specs) !== page;
  });
}

/** `npm run docs`: rewrite the pages in place. */
export function updateBugPages(): string[] {
  const specs = new Map<string, SpecModel>();
  const changed: string[] = [];
  for (const file of bugPages()) {
    const before = readFileSync(file, 'utf8');
    const after = regeneratePage(before, specs);
    if (after !== before) {
      writeFileSync(file, after);
      changed.push(file);
    }
  }
  return changed;
}
