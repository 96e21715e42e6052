/**
 * Child process of runCliBatch (test/helpers/cli.ts): reads a JSON list of
 * argv on stdin, runs main() on each with stdout and stderr captured, and
 * prints the list of { exitCode, stdout, stderr } as JSON.
 */
import { main } from '../../src/cli/main.js';

const input = await new Promise<string>((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
});
const argvs = JSON.parse(input) as string[][];
const realWrite = process.stdout.write.bind(process.stdout);
const results = [];
for (const argv of argvs) {
  const out: string[] = [];
  const err: string[] = [];
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  let exitCode: number;
  try {
    exitCode = await main(argv);
  } catch (e) {
    // main() must never throw; report it as the case's output so the test shows it.
    exitCode = -1;
    err.push(`main() threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  results.push({ exitCode, signal: undefined, stdout: out.join(''), stderr: err.join('') });
}
realWrite(JSON.stringify(results));
