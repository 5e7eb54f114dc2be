import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true, error: 'timestamps are ISO 8601 with a zone, e.g. 2026-11-16T14:20:00Z' });

/**
 * A GitHub deployment as recorded by the deploy workflow: the REST object
 * (`GET /repos/{o}/{r}/deployments`) with its statuses
 * (`.../deployments/{id}/statuses`) and the commit date of its sha
 * (`.../commits/{sha}`) attached.
 */
export const DeploymentRecordSchema = z.object({
  id: z.number().int(),
  sha: z.string().regex(/^[0-9a-f]{7,40}$/, { error: 'sha must be a hex commit id' }),
  environment: z.string().min(1),
  created_at: timestamp,
  statuses: z.array(
    z.object({
      state: z.enum(['queued', 'pending', 'in_progress', 'success', 'failure', 'error', 'inactive']),
      created_at: timestamp,
    }),
  ),
  commit: z.object({ committed_at: timestamp }),
});

/** How an Argo Rollout of a deployment ended, as recorded from its status and events. */
export const RolloutRecordSchema = z.object({
  rollout: z.string().min(1),
  environment: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{7,40}$/),
  phase: z.enum(['Healthy', 'Degraded', 'Aborted']),
  /** The active Service was switched back to the previous version. */
  rolled_back: z.boolean(),
  finished_at: timestamp,
  /** When the previous version served again; absent while not restored. */
  restored_at: timestamp.optional(),
});

export type DeploymentRecord = z.infer<typeof DeploymentRecordSchema>;
export type RolloutRecord = z.infer<typeof RolloutRecordSchema>;

function parseList<T>(schema: z.ZodType<T>, input: unknown, what: string): T[] {
  const parsed = z.array(schema).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`invalid ${what} at [${issue?.path.join('.') ?? ''}]: ${issue?.message ?? 'unknown problem'}`);
}

export const parseDeployments = (input: unknown) => parseList(DeploymentRecordSchema, input, 'deployments record');
export const parseRollouts = (input: unknown) => parseList(RolloutRecordSchema, input, 'rollouts record');
