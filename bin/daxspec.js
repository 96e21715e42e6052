#!/usr/bin/env node
// The daxspec command: runs the built JavaScript in dist/ (npm run build; npm ci and npm pack build it).
try {
  await import('../dist/cli/bin.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/cli/bin.js')) throw err;
  process.stderr.write('daxspec: not built (dist/cli/bin.js is missing); run npm run build\n');
  process.exitCode = 70;
}
