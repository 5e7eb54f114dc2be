import type { IgnoredDifference } from '../platform-components.js';

/** The admission webhook configuration kinds. */
export type WebhookKind = 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration';

/** Webhook fields controllers own at run time. */
export type WebhookField = 'caBundle' | 'failurePolicy';

const WEBHOOK_PATHS: Record<WebhookField, string> = {
  caBundle: '.webhooks[]?.clientConfig.caBundle',
  failurePolicy: '.webhooks[]?.failurePolicy',
};

/**
 * Fields of one webhook configuration that a controller rewrites (its CA,
 * injected by a cert controller; its failurePolicy, flipped by its operator),
 * for `PlatformComponent.ignoreDifferences`.
 */
export function webhookFields(kind: WebhookKind, name: string, fields: readonly WebhookField[]): IgnoredDifference {
  return { group: 'admissionregistration.k8s.io', kind, name, jqPathExpressions: fields.map((f) => WEBHOOK_PATHS[f]) };
}

/** The data of a Secret a chart generates at every render (a webhook's key pair). */
export function generatedSecret(name: string): IgnoredDifference {
  return { group: '', kind: 'Secret', name, jsonPointers: ['/data'] };
}
