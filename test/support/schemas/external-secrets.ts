import { arrayOf, customResource, enumOf, int, mapOf, obj, resourceName, str, strings, type JsonSchema } from './builders.js';

/** External Secrets Operator, `external-secrets.io/v1` (chart 2.9.0 CRDs; the npm models stop at v1beta1, which that release no longer serves). */
const storeRef = obj({ kind: enumOf('SecretStore', 'ClusterSecretStore'), name: resourceName });
const conversion = {
  conversionStrategy: enumOf('Default', 'Unicode'),
  decodingStrategy: enumOf('Auto', 'Base64', 'Base64URL', 'None'),
  nullBytePolicy: enumOf('Ignore', 'Fail'),
};

const externalSecretSpec = obj({
  refreshInterval: str,
  refreshPolicy: enumOf('CreatedOnce', 'Periodic', 'OnChange'),
  secretStoreRef: storeRef,
  target: obj({
    name: resourceName,
    creationPolicy: enumOf('Owner', 'Orphan', 'Merge', 'None', 'CreateOrMerge'),
    deletionPolicy: enumOf('Delete', 'Merge', 'Retain'),
    immutable: { type: 'boolean' },
    template: obj({
      type: str,
      engineVersion: enumOf('v2'),
      mergePolicy: enumOf('Replace', 'Merge'),
      data: mapOf(str),
      metadata: obj({ annotations: mapOf(str), labels: mapOf(str), finalizers: strings }),
    }),
  }),
  data: arrayOf(
    obj(
      {
        secretKey: str,
        remoteRef: obj({ key: str, property: str, version: str, metadataPolicy: enumOf('None', 'Fetch'), ...conversion }, ['key']),
      },
      ['secretKey', 'remoteRef'],
    ),
  ),
  dataFrom: arrayOf(
    obj({
      extract: obj({ key: str, property: str, version: str, metadataPolicy: enumOf('None', 'Fetch'), ...conversion }, ['key']),
      find: obj({ name: obj({ regexp: str }), path: str, tags: mapOf(str), ...conversion }),
      rewrite: arrayOf({
        ...obj({
          merge: obj({
            conflictPolicy: enumOf('Ignore', 'Error'),
            into: str,
            priority: strings,
            priorityPolicy: enumOf('IgnoreNotFound', 'Strict'),
            strategy: enumOf('Extract', 'JSON'),
          }),
          regexp: obj({ source: str, target: str }, ['source', 'target']),
          transform: obj({ template: str }, ['template']),
        }),
        minProperties: 1,
        maxProperties: 1,
      }),
    }),
  ),
});

const awsProvider = obj(
  {
    service: enumOf('SecretsManager', 'ParameterStore', 'CertificateManager'),
    region: str,
    role: str,
    prefix: str,
    additionalRoles: strings,
  },
  ['region', 'service'],
);

const clusterSecretStoreSpec = obj(
  {
    provider: obj({ aws: awsProvider }),
    conditions: arrayOf(obj({ namespaces: strings, namespaceRegexes: strings })),
    controller: str,
    refreshInterval: int,
  },
  ['provider'],
);

export const EXTERNAL_SECRETS_SCHEMAS: Record<string, JsonSchema> = {
  'external-secrets.io/v1/ExternalSecret': customResource('external-secrets.io/v1', 'ExternalSecret', externalSecretSpec, {
    namespaced: true,
  }),
  'external-secrets.io/v1/ClusterSecretStore': customResource('external-secrets.io/v1', 'ClusterSecretStore', clusterSecretStoreSpec, {
    namespaced: false,
  }),
};
