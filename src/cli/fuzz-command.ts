/**
 * `npm run fuzz -- --seed S --count N [--jobs J] [--collide P] [--max-states N]
 * [--shrink-budget N] [--time-limit SECONDS] [--json]`: differential fuzzing of the interpreter
 * against TLC. Exit 0 when every spec agreed and every generated spec parsed,
 * 1 otherwise, 3 when TLC is unavailable.
 */
import { DEFAULT_FUZZ_OPTIONS, runFuzz, type FuzzOptions, type SpecReport } from '../fuzz/campaign.js';
import { SpecError, formatSpecError } from '../model/errors.js';

const USAGE = 'usage: npm run fuzz -- --seed S --count N [--jobs J] [--collide P] [--max-states N] [--shrink-budget N] [--time-limit SECONDS] [--json]';

function parseFuzzArgs(argv: string[]): FuzzOptions & { json: boolean } {
  const options = { ...DEFAULT_FUZZ_OPTIONS, seed: 1, count: 30, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new SpecError('DSX006', `${flag} needs a value`, null, USAGE);
      return v;
    };
    const int = (min: number): number => {
      const v = value();
      if (!/^-?\d+$/.test(v) || Number(v) < min) throw new SpecError('DSX006', `${flag} takes a whole number >= ${min}, not '${v}'`, null, USAGE);
      return Number(v);
    };
    switch (flag) {
      case '--seed': options.seed = int(0); break;
      case '--count': options.count = int(1); break;
      case '--jobs': options.jobs = int(1); break;
      case '--max-states': options.maxStates = int(1); break;
      case '--shrink-budget': options.shrinkBudget = int(0); break;
      case '--time-limit': options.timeLimitSeconds = int(1); break;
      case '--collide': {
        const v = value();
        const p = Number(v);
        if (!(p >= 0 && p <= 1)) throw new SpecError('DSX006', `--collide takes a probability from 0 to 1, not '${v}'`, null, USAGE);
        options.collide = p;
        break;
      }
      case '--json': options.json = true; break;
      default: throw new SpecError('DSX006', `unknown option '${flag}'`, null, USAGE);
    }
  }
  return options;
}

function reportLine(r: SpecReport, done: number, total: number): string {
  const o = r.outcome;
  const head = `[${done}/${total}] seed ${r.seed}`;
  switch (o.kind) {
    case 'agree':
      return `${head}: agree (${o.models.map((m) => `${m.model}: ${m.interpreter}${m.states === null ? '' : `, ${m.states} states`}`).join('; ')}) ${r.seconds.toFixed(1)}s`;
    case 'disagree': {
      const lines = [`${head}: DISAGREE`, ...o.differences.map((d) => `    ${d}`)];
      if (r.finding) lines.push(`    shrunk (${r.finding.shrinkTries} tries) to ${r.finding.file}:`, ...r.finding.differences.map((d) => `      ${d}`), `    reproduce: ${r.finding.command}`);
      return lines.join('\n');
    }
    case 'rejected':
      return `${head}: GENERATOR BUG, the parser rejected the spec: ${o.message.split('\n')[0]}`;
    case 'refused':
      return `${head}: refused as it should be ('${o.name}', drawn to clash with a TLA+ word or another name)`;
    case 'skipped':
      return `${head}: skipped (${o.reason})`;
    case 'unavailable':
      return `${head}: TLC unavailable: ${o.reason.split('\n')[0]}`;
  }
}

export async function runFuzzCommand(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseFuzzArgs>;
  try {
    options = parseFuzzArgs(argv);
  } catch (err) {
    if (err instanceof SpecError) {
      process.stderr.write(`${formatSpecError(err)}\n`);
      return 2;
    }
    throw err;
  }
  process.stdout.write(`fuzz: seeds ${options.seed}..${options.seed + options.count - 1}, ${options.jobs} job(s), collide ${options.collide}, max ${options.maxStates} states\n`);
  const summary = await runFuzz(options, (r, done) => {
    process.stdout.write(`${reportLine(r, done, options.count)}\n`);
  });
  const unavailable = summary.reports.find((r) => r.outcome.kind === 'unavailable');
  const line = `fuzz: ${summary.specs}${summary.specs < options.count ? ` of ${options.count} (time limit)` : ''} specs in ${summary.seconds.toFixed(0)}s: ${summary.agree} agree, ${summary.disagree} disagree, ${summary.rejected} rejected by the parser (generator bugs), ${summary.refused} refused a clashing name (expected), ${summary.skipped} skipped (too large)`;
  process.stdout.write(`${line}\n`);
  if (options.json) {
    const { reports, ...counts } = summary;
    process.stdout.write(`${JSON.stringify({ ...counts, findings: reports.filter((r) => r.finding !== null).map((r) => ({ seed: r.seed, ...r.finding })), rejected: reports.filter((r) => r.outcome.kind === 'rejected').map((r) => ({ seed: r.seed, message: (r.outcome as { message: string }).message })) })}\n`);
  }
  if (unavailable) return 3;
  return summary.disagree === 0 && summary.rejected === 0 && summary.specs === options.count ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runFuzzCommand(process.argv.slice(2));
}
