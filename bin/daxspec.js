#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx compiles on the fly): no build step between a checkout and a check.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
