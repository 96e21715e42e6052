// npm run build: compile src/ to dist/ (JavaScript and .d.ts) with tsc, plus the
// files the code reads beside itself that tsc does not write (a grammar, the specs' library). Run by npm ci (prepare) and npm pack.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
copyFileSync('src/tlc/tlc-output.ohm', 'dist/tlc/tlc-output.ohm');
copyFileSync('src/parse/spec-lib.d.ts', 'dist/parse/spec-lib.d.ts');
