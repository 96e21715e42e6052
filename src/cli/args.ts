/**
 * Command-line parsing for daxspec: plain data out, SpecError (DSX006) on bad usage.
 * The usage texts live here, one per command, with the exit-code table.
 */
import { SpecError } from '../model/errors.js';
import { exitCodeTableText } from './exit-codes.js';

type Command = 'check' | 'emit' | 'tlc' | 'replay' | 'simulate';

const COMMANDS: Record<Command, { synopsis: string; about: string; options: string[] }> = {
  check: {
    synopsis: 'daxspec check <spec.ts> [--model NAME]... [--variant NAME]... [--format text|commit|json] [--json] [--itf FILE] [--html FILE] [--coverage] [--witness] [--diagram] [--max-states N] [--max-memory SIZE] [--watch]',
    about: 'explore every interleaving of each model of the spec and check its properties',
    options: [
      '--model NAME      check only this model (repeatable)',
      '--variant NAME    check only the models of this variant, every configuration under it (repeatable)',
      '--format FORMAT   text (a table and the counterexamples), commit (each counterexample as a race',
      '                  for a commit message, sliced to the threads and steps that matter, re-checked)',
      '                  or json',
      '--json            the same as --format json: one JSON object per model (a bad spec: {"error": ...})',
      '--itf FILE        also write each counterexample in ITF JSON (Apalache\'s and Quint\'s trace format;',
      '                  FILE-<model>.ext per model when several)',
      '--html FILE       also write each counterexample as a self-contained HTML page with a step',
      '                  slider (XArray, wait queues, threads per step; FILE-<model>.html when several)',
      '--coverage        how many transitions each step and each arm of its ifs made; warnings',
      '                  (a step never enabled, a branch never taken, NoLostWakeup holding for a',
      '                  thread that never sleeps, a holding variant whose own branch never ran)',
      '                  go to stderr always',
      '--witness         for a model that holds, one run in which a waiter sleeps and is woken',
      '--diagram         also print each counterexample as a Mermaid sequence diagram',
      '--max-states N    stop a model at N distinct states (verdict incomplete; default 20000000)',
      '--max-memory SIZE stop a model when its state graph would pass SIZE bytes (K, M, G suffixes;',
      '                  verdict incomplete; default: 3/4 of the memory free at start)',
      '--watch           re-check on every save of the spec or a file it imports, printing only',
      '                  the models whose result changed',
    ],
  },
  emit: {
    synopsis: 'daxspec emit  <spec.ts>... [--out DIR]',
    about: 'write the spec as a TLA+ module plus one .cfg (and MC module) per model',
    options: ['--out DIR         the directory to write to (default tla; created if missing)'],
  },
  tlc: {
    synopsis: 'daxspec tlc   <spec.ts | MC_Module_model.tla> [--model NAME]... [--variant NAME]... [--workers N | --distributed N [--host NAME] [--port N]]',
    about: 'emit, run TLC on each model and compare with the interpreter; given an emitted .tla module, run TLC on it alone (TLC\'s output and status)',
    options: [
      '--model NAME      run only this model (repeatable)',
      '--variant NAME    run only the models of this variant (repeatable)',
      '--workers N       TLC worker threads (default 1)',
      "--distributed N   TLC's distributed mode: a TLC server and N TLCWorker processes on this machine",
      '                  (0: workers started elsewhere, see the README); it checks invariants and',
      '                  deadlock and counts states, but no temporal property',
      '--host NAME       with --distributed: the address workers reach the server at (default 127.0.0.1)',
      '--port N          with --distributed: the server\'s RMI port (default: a free one from 10997 up)',
    ],
  },
  replay: {
    synopsis: "daxspec replay <spec.ts> --model NAME --steps 'thread.step, ...' [--json]",
    about: 'run one interleaving of a model step by step in the interpreter',
    options: [
      '--model NAME      the model to run',
      "--steps LIST      the steps, e.g. 'pte_fault(1).grab_mapping_entry, pmd_fault(0).grab_mapping_entry'",
      '--json            print the result as JSON',
    ],
  },
  simulate: {
    synopsis: 'daxspec simulate <spec.ts> --model NAME [--seed S] [--depth D] [--runs N] [--html FILE] [--json]',
    about: 'random walks under the same properties, for models too big to explore; a sleeper no continuation wakes is a NoLostWakeup violation (exit 0 when the outcome is the expected one, else 1)',
    options: [
      '--model NAME      the model to walk',
      '--seed S          the generator\'s seed (default 1; walks are deterministic per seed)',
      '--depth D         steps per walk (default 100)',
      '--runs N          walks (default 1000)',
      '--html FILE       also write the violating walk as an HTML page (as daxspec check --html does)',
      '--json            print the summary and the violating walk as one JSON object (check --json\'s keys',
      '                  for the model, the verdict and the trace)',
    ],
  },
};

export const USAGE = [
  'usage:',
  ...Object.values(COMMANDS).map((c) => `  ${c.synopsis}`),
  '  daxspec <command> --help | daxspec --version',
  '',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(6)} ${c.about}`),
  '',
  'exit status:',
  exitCodeTableText(),
].join('\n');

/** `daxspec <command> --help`. */
export function commandUsage(command: Command): string {
  const c = COMMANDS[command];
  return [`usage: ${c.synopsis}`, '', `${c.about}.`, '', 'options:', ...c.options.map((o) => `  ${o}`), '', 'exit status:', exitCodeTableText()].join('\n');
}

const isCommand = (c: string | undefined): c is Command => c !== undefined && Object.hasOwn(COMMANDS, c);

export const OUTPUT_FORMATS = ['text', 'commit', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CliArgs {
  /** 'help': print usage (of `topic`, or of everything); 'usage': no command given, usage on stderr. */
  command: Command | 'help' | 'usage' | 'version';
  topic: Command | null;
  /** simulate: the generator's seed, the walks' length and number. */
  seed: number;
  depth: number;
  runs: number;
  /** replay: the interleaving to run. */
  steps: string | null;
  files: string[];
  models: string[];
  /** --variant: only the models of these variants (every configuration under each). */
  variants: string[];
  json: boolean;
  /** How check prints: the table (text), a commit-message race per counterexample, or JSON lines. */
  format: OutputFormat;
  /** check: for a model that holds, print a run in which a waiter is woken. */
  witness: boolean;
  /** check: write each counterexample as ITF JSON to this file. */
  itf: string | null;
  /** check: write each counterexample as an HTML page to this file. */
  html: string | null;
  /** check: print how often each step ran. */
  coverage: boolean;
  /** Also print each counterexample as a Mermaid sequence diagram. */
  diagram: boolean;
  maxStates: number | null;
  /** Bytes; null: the default budget. */
  maxMemory: number | null;
  /** check: re-check on every save, printing what changed. */
  watch: boolean;
  out: string;
  workers: number;
  /** tlc: TLC's distributed mode with this many local workers; null: tlc2.TLC. */
  distributed: { localWorkers: number; host: string | null; port: number | null } | null;
}

const SIZE_UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** `512M`, `2G`, `1000000` (bytes). */
export function parseSize(text: string, flag: string): number {
  const m = /^([1-9][0-9]*)([KMGT]?)(i?B)?$/i.exec(text);
  if (m === null) throw new SpecError('DSX006', `${flag} takes a size such as 512M or 2G, not '${text}'`, null, `e.g. ${flag} 4G`);
  return Number(m[1]) * SIZE_UNITS[m[2]!.toUpperCase()]!;
}

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { command: 'usage', topic: null, seed: 1, depth: 100, runs: 1000, steps: null, itf: null, html: null, coverage: false, witness: false, files: [], models: [], variants: [], json: false, format: 'text', diagram: false, maxStates: null, maxMemory: null, watch: false, out: 'tla', workers: 1, distributed: null };
  const [command, ...rest] = argv;
  if (command === undefined) return args;
  if (command === 'help' || command === '--help' || command === '-h') return { ...args, command: 'help', topic: isCommand(rest[0]) ? rest[0] : null };
  if (command === '--version' || command === '-V' || command === 'version') return { ...args, command: 'version' };
  if (!isCommand(command)) {
    throw new SpecError('DSX006', `unknown command '${command}'`, null, 'use daxspec check, daxspec emit, daxspec tlc or daxspec replay (daxspec --help lists them)');
  }
  if (rest.includes('--help') || rest.includes('-h')) return { ...args, command: 'help', topic: command };
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
  /** --host and --port, which may come before --distributed. */
  const distributedOption: { host: string | null; port: number | null } = { host: null, port: null };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    switch (a) {
      case '--model':
        args.models.push(value(i++, a));
        break;
      case '--variant':
        args.variants.push(value(i++, a));
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
      case '--itf':
        args.itf = value(i++, a);
        break;
      case '--html':
        args.html = value(i++, a);
        break;
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
      case '--diagram':
        args.diagram = true;
        break;
      case '--watch':
        args.watch = true;
        break;
      case '--max-states':
        args.maxStates = positiveInt(value(i++, a), a);
        break;
      case '--max-memory':
        args.maxMemory = parseSize(value(i++, a), a);
        break;
      case '--out':
        args.out = value(i++, a);
        break;
      case '--workers':
        args.workers = positiveInt(value(i++, a), a);
        break;
      case '--distributed': {
        const text = value(i++, a);
        if (!/^[0-9]+$/.test(text) || Number(text) > 64) throw new SpecError('DSX006', `--distributed takes a number of local TLC workers from 0 to 64, not '${text}'`, null, 'e.g. --distributed 2 (0: only workers started on other machines)');
        args.distributed = { localWorkers: Number(text), host: null, port: null };
        break;
      }
      case '--host':
        distributedOption.host = value(i++, a);
        break;
      case '--port':
        distributedOption.port = positiveInt(value(i++, a), a);
        break;
      default:
        if (a.startsWith('-')) throw new SpecError('DSX006', `unknown option '${a}'`, null, `${COMMANDS[command].synopsis} (daxspec ${command} --help explains them)`);
        args.files.push(a);
    }
  }
  if (args.distributed !== null) args.distributed = { ...args.distributed, ...distributedOption };
  if ((distributedOption.host !== null || distributedOption.port !== null) && args.distributed === null) {
    throw new SpecError('DSX006', '--host and --port go with --distributed', null, 'daxspec tlc spec/my-spec.ts --distributed 0 --host 10.0.0.1 --port 10997');
  }
  if (args.distributed !== null && (command !== 'tlc' || args.workers !== 1)) {
    throw new SpecError('DSX006', '--distributed goes with daxspec tlc, without --workers (each TLC worker process uses a thread per core)', null, 'daxspec tlc spec/my-spec.ts --distributed 2');
  }
  if (args.files.length === 0) throw new SpecError('DSX006', `daxspec ${command} needs a spec file`, null, `daxspec ${command} spec/dax-pmd-wakeup.ts`);
  if (args.watch && (command !== 'check' || args.json)) throw new SpecError('DSX006', '--watch goes with daxspec check, without --json', null, 'daxspec check spec/my-spec.ts --watch');
  if (command === 'replay' && (args.models.length !== 1 || args.steps === null)) {
    throw new SpecError('DSX006', 'daxspec replay needs one --model and --steps', null, "daxspec replay spec/dax-pmd-wakeup.ts --model buggy --steps 'pte_fault(1).grab_mapping_entry, pmd_fault(0).grab_mapping_entry'");
  }
  if (command === 'simulate' && args.models.length !== 1) {
    throw new SpecError('DSX006', 'daxspec simulate needs one --model', null, 'daxspec simulate spec/dax-pmd-wakeup.ts --model buggy-8 --seed 1');
  }
  if (command !== 'emit' && args.files.length > 1) throw new SpecError('DSX006', `daxspec ${command} takes one spec file`, null, 'run it once per spec');
  return args;
}
