import type { Finding, SynthOutput } from '../synth/output.js';
import { encryptionInventory } from './encryption-inventory.js';

export const ENCRYPTION_CHECK = 'encryption-verified';

/** Fails synth for every data store not proven encrypted with a rotating customer key, or lacking enforceable TLS. */
export function checkEncryption(output: SynthOutput): Finding[] {
  return encryptionInventory(output).flatMap((store) =>
    store.problems.map((message): Finding => ({ severity: 'error', check: ENCRYPTION_CHECK, where: store.where, message: `${store.kind}: ${message}` })),
  );
}
