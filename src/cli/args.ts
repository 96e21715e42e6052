/**
 * Command-line parsing for daxspec: plain data out, SpecError (DSX006) on bad usage.
 */
import { SpecError } from '../model/errors.js';

export const USAGE = `usage:
  daxspec check <spec.ts> [--model NAME]... [--format text|commit|json] [--json]
                [--itf FILE] [--coverage] [--witness] [--diagram] [--max-states N] [--watch]
  daxspec emit  <spec.ts>... [--out DIR]
  daxspec tlc   <spec.ts> [--model NAME]... [--workers N]
  daxspec tlc   <MC_Module_model.tla> [--workers N]
  daxspec replay <spec.ts> --model NAME --steps 'thread.step, ...' [--json]
  daxspec simulate <spec.ts> --model NAME [--seed S] [--depth D] [--runs N]

  check  explore every interleaving of each model of the spec and check its
         properties; exit 0 when every model gets its expected verdict, 1 when
         one does not, 2 on bad usage or a bad spec; --format commit prints each
         counterexample as a race for a commit message (sliced to the threads
         and steps that matter, re-checked)
         --watch: re-check on every save of the spec or a file it imports,
         printing only the models whose result changed
         --coverage: how many transitions each step made; warnings (a step
         never enabled, NoLostWakeup holding for a thread that never sleeps)
         go to stderr always
         --witness: for a model that holds, one run in which a waiter
         sleeps and is woken
         --itf FILE: also write each counterexample in ITF JSON (Apalache's
         and Quint's trace format; FILE-<model>.ext per model when several)
  emit   write the spec as a TLA+ module plus one .cfg (and MC module) per model
  tlc    emit, run TLC on each model and compare with the interpreter
         (exit 0 agreement, 1 disagreement, 3 TLC unavailable); given an
         emitted .tla module, run TLC on it alone (TLC's output and status)
  replay run the given interleaving (steps as the trace table names them,
         e.g. 'pte_fault(1).grab_mapping_entry, pmd_fault(0).grab_mapping_entry'),
         print it, say which step could not run and why, and what holds at
         its end (exit 0 every step ran, 1 one could not)
  simulate  random walks (deterministic per --seed, default 1; --depth 100
         steps, --runs 1000 walks) under the same properties, for models too
         big to explore; a sleeper no continuation wakes is a NoLostWakeup
         violation (exit 0 when the outcome is the expected one, else 1)`;

export const OUTPUT_FORMATS = ['text', 'commit', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CliArgs {
  command: 'check' | 'emit' | 'tlc' | 'replay' | 'simulate' | 'help';
  /** simulate: the generator's seed, the walks' length and number. */
  seed: number;
  depth: number;
  runs: number;
  /** replay: the interleaving to run. */
  steps: string | null;
  files: string[];
  models: string[];
  json: boolean;
  /** How check prints: the table (text), a commit-message race per counterexample, or JSON lines. */
  format: OutputFormat;
  /** check: for a model that holds, print a run in which a waiter is woken. */
  witness: boolean;
  /** check: print how often each step ran. */
  coverage: boolean;
  /** check: write each counterexample as ITF JSON to this file. */
  itf: string | null;
  /** Also print each counterexample as a Mermaid sequence diagram. */
  diagram: boolean;
  maxStates: number | null;
  /** check: re-check on every save, printing what changed. */
  watch: boolean;
  out: string;
  workers: number;
}

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { command: 'help', seed: 1, depth: 100, runs: 1000, steps: null, itf: null, coverage: false, witness: false, files: [], models: [], json: false, format: 'text', diagram: false, maxStates: null, watch: false, out: 'tla', workers: 1 };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return args;
  if (command !== 'check' && command !== 'emit' && command !== 'tlc' && command !== 'replay' && command !== 'simulate') {
    throw new SpecError('DSX006', `unknown command '${command}'`, null, 'use daxspec check, daxspec emit, daxspec tlc or daxspec replay');
  }
  args.command = command;
  const value = (i: number, flag: string): string => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith('--')) throw new SpecError('DSX006', `${flag} needs a value`, null, `write ${flag} VALUE`);
    return v;
  };
  const positiveInt = (text: string, flag: string): number => {
    if (!/^[1-9][0-9]*$/.test(text)) throw new SpecError('DSX006', `${flag} takes a positive whole number, not '${text}'`, null, `e.g. ${flag} 100000`);
    return Number(text);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    switch (a) {
      case '--model':
        args.models.push(value(i++, a));
        break;
      case '--json':
        args.json = true;
        args.format = 'json';
        break;
      case '--format': {
        const f = value(i++, a);
        if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new SpecError('DSX006', `--format takes ${OUTPUT_FORMATS.join(', ')}, not '${f}'`, null, 'e.g. --format commit');
        args.format = f as OutputFormat;
        args.json = args.format === 'json';
        break;
      }
      case '--steps': {
        const v = rest[i + 1];
        if (v === undefined || v.trim() === '') throw new SpecError('DSX006', '--steps needs a list of steps', null, "e.g. --steps 'pte_fault(1).grab_mapping_entry, pmd_fault(0).grab_mapping_entry'");
        args.steps = v;
        i++;
        break;
      }
      case '--seed':
        args.seed = positiveInt(value(i++, a), a);
        break;
      case '--depth':
        args.depth = positiveInt(value(i++, a), a);
        break;
      case '--runs':
        args.runs = positiveInt(value(i++, a), a);
        break;
      case '--witness':
        args.witness = true;
        break;
      case '--coverage':
        args.coverage = true;
        break;
      case '--itf':
        args.itf = value(i++, a);
        break;
      case '--diagram':
        args.diagram = true;
        break;
      case '--watch':
        args.watch = true;
        break;
      case '--max-states':
        args.maxStates = positiveInt(value(i++, a), a);
        break;
      case '--out':
        args.out = value(i++, a);
        break;
      case '--workers':
        args.workers = positiveInt(value(i++, a), a);
        break;
      default:
        if (a.startsWith('-')) throw new SpecError('DSX006', `unknown option '${a}'`, null, USAGE.split('\n').slice(1, 4).map((l) => l.trim()).join('; '));
        args.files.push(a);
    }
  }
  if (args.files.length === 0) throw new SpecError('DSX006', `daxspec ${command} needs a spec file`, null, `daxspec ${command} spec/dax-pmd-wakeup.ts`);
  if (args.watch && (command !== 'check' || args.json)) throw new SpecError('DSX006', '--watch goes with daxspec check, without --json', null, 'daxspec check spec/my-spec.ts --watch');
  if (command === 'simulate' && args.models.length !== 1) {
    throw new SpecError('DSX006', 'daxspec simulate needs one --model', null, 'daxspec simulate spec/dax-pmd-wakeup.ts --model buggy-8 --seed 1');
  }
  if (command === 'replay' && (args.models.length !== 1 || args.steps === null)) {
    throw new SpecError('DSX006', 'daxspec replay needs one --model and --steps', null, "daxspec replay spec/dax-pmd-wakeup.ts --model buggy --steps 'pte_fault(1).grab_mapping_entry, pmd_fault(0).grab_mapping_entry'");
  }
  if (command !== 'emit' && args.files.length > 1) throw new SpecError('DSX006', `daxspec ${command} takes one spec file`, null, 'run it once per spec');
  return args;
}
