/** Whether TLC can run here; the reason is printed once when it cannot. */
import { findTlc, type TlcAvailability } from '../../src/tlc/run.js';

let probe: Promise<TlcAvailability> | null = null;
let told = false;

export async function tlcAvailability(): Promise<TlcAvailability> {
  probe ??= findTlc();
  const result = await probe;
  if (!result.available && !told) {
    told = true;
    console.warn(`TLC tests skipped: ${result.reason.split('\n')[0]}`);
  }
  return result;
}
