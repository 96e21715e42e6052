/** The daxspec executable: run the command line, exit with its status (bin/daxspec.js loads the built copy of this). */
import module from 'node:module';

// Node 22.1+: keep V8's compiled code of daxspec's own modules between runs; older Node
// lacks it. ts-morph and its TypeScript have a code cache of their own (src/parse/ts-morph.ts).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./main.js');

process.exitCode = await main(process.argv.slice(2));
