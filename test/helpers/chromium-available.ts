/**
 * Whether a headless Chromium can be driven here (Debian's chromium package,
 * through playwright-core); the reason is printed once when it cannot, and
 * the browser tests skip. CHROMIUM=path names another executable.
 */
import { accessSync, constants } from 'node:fs';

export type ChromiumAvailability = { available: true; executable: string } | { available: false; reason: string };

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a sandboxed machine without network (root, no GPU, no background fetches). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function findExecutable(): string | null {
  const named = process.env.CHROMIUM;
  for (const file of named ? [named] : CANDIDATES) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not this one
    }
  }
  return null;
}

let told = false;

export async function chromiumAvailability(): Promise<ChromiumAvailability> {
  const executable = findExecutable();
  let result: ChromiumAvailability;
  if (executable === null) {
    result = { available: false, reason: `no chromium at ${process.env.CHROMIUM ?? CANDIDATES.join(', ')} (apt-get install -y chromium, or set CHROMIUM)` };
  } else {
    try {
      await import('playwright-core');
      result = { available: true, executable };
    } catch (e) {
      result = { available: false, reason: `playwright-core cannot be loaded: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (!result.available && !told) {
    told = true;
    console.warn(`browser tests skipped: ${result.reason}`);
  }
  return result;
}
