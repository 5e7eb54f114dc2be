/** Types of terraform-worker-start.mjs (plain JavaScript: tools/run.mjs loads it before any TypeScript). */
import type { Worker } from 'node:worker_threads';
export declare const TERRAFORM_WORKER_ENTRY: string;
export declare function startTerraformWorker(root: string): Promise<Worker>;
export declare function startTerraformWorkerEarly(root: string): void;
export declare function takeEarlyTerraformWorker(): Promise<Worker> | undefined;
