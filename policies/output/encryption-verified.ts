import type { OutputRule } from '../types.js';
import { DATA_STORE_TYPES, encryptionInventory } from './encryption-inventory.js';

/**
 * Every data store is proven encrypted with a rotating customer key (followed
 * across stacks to its `aws_kms_key`) and enforces TLS where AWS can: one
 * violation per problem of each store.
 */
export const encryptionVerified: OutputRule = {
  id: 'encryption-verified',
  types: DATA_STORE_TYPES,
  check: (index) =>
    encryptionInventory(index).flatMap((store) =>
      store.problems.map((problem) => ({ where: store.where, detail: `${store.kind}: ${problem}` })),
    ),
};
