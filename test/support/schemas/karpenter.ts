import { arrayOf, bool, customResource, enumOf, int, mapOf, obj, str, strings, type JsonSchema } from './builders.js';

/**
 * Karpenter `karpenter.sh/v1` NodePool and `karpenter.k8s.aws/v1` EC2NodeClass, from the
 * pinned CRDs: the @kubernetes-models/karpenter package requires Node 22, the project runs on 20.
 */
const tags = mapOf(str);
const taint = obj({ key: str, value: str, effect: enumOf('NoSchedule', 'PreferNoSchedule', 'NoExecute'), timeAdded: str }, [
  'effect',
  'key',
]);

const nodePoolSpec = obj(
  {
    weight: int,
    replicas: int,
    limits: mapOf({ type: ['string', 'integer'] }),
    disruption: obj(
      {
        consolidationPolicy: enumOf('WhenEmpty', 'WhenEmptyOrUnderutilized', 'Balanced'),
        consolidateAfter: str,
        budgets: arrayOf(
          obj({ nodes: str, reasons: arrayOf(enumOf('Underutilized', 'Empty', 'Drifted')), schedule: str, duration: str }, ['nodes']),
        ),
      },
      ['consolidateAfter'],
    ),
    template: obj(
      {
        metadata: obj({ labels: tags, annotations: tags }),
        spec: obj(
          {
            nodeClassRef: obj({ group: str, kind: str, name: str }, ['group', 'kind', 'name']),
            requirements: arrayOf(
              obj(
                {
                  key: str,
                  operator: enumOf('Gte', 'Lte', 'In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'),
                  values: strings,
                  minValues: int,
                },
                ['key', 'operator'],
              ),
            ),
            expireAfter: str,
            terminationGracePeriod: str,
            taints: arrayOf(taint),
            startupTaints: arrayOf(taint),
          },
          ['nodeClassRef', 'requirements'],
        ),
      },
      ['spec'],
    ),
  },
  ['template'],
);

const selectorTerm = (fields: Record<string, JsonSchema>) => arrayOf(obj({ ...fields, tags }));

const ec2NodeClassSpec = obj(
  {
    role: str,
    instanceProfile: str,
    amiFamily: enumOf('AL2', 'AL2023', 'Bottlerocket', 'Custom', 'Windows2019', 'Windows2022', 'Windows2025'),
    amiSelectorTerms: selectorTerm({ alias: str, id: str, name: str, owner: str, ssmParameter: str }),
    subnetSelectorTerms: selectorTerm({ id: str }),
    securityGroupSelectorTerms: selectorTerm({ id: str, name: str }),
    metadataOptions: obj({
      httpEndpoint: enumOf('enabled', 'disabled'),
      httpProtocolIPv6: enumOf('enabled', 'disabled'),
      httpPutResponseHopLimit: int,
      httpTokens: enumOf('required', 'optional'),
    }),
    blockDeviceMappings: arrayOf(
      obj({
        deviceName: str,
        rootVolume: bool,
        ebs: obj({
          deleteOnTermination: bool,
          encrypted: bool,
          iops: int,
          kmsKeyID: str,
          snapshotID: str,
          throughput: int,
          volumeInitializationRate: int,
          volumeSize: str,
          volumeType: enumOf('standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'),
        }),
      }),
    ),
    associatePublicIPAddress: bool,
    detailedMonitoring: bool,
    tags,
    userData: str,
  },
  ['amiSelectorTerms', 'securityGroupSelectorTerms', 'subnetSelectorTerms'],
);

export const KARPENTER_SCHEMAS: Record<string, JsonSchema> = {
  'karpenter.sh/v1/NodePool': customResource('karpenter.sh/v1', 'NodePool', nodePoolSpec, { namespaced: false }),
  'karpenter.k8s.aws/v1/EC2NodeClass': customResource('karpenter.k8s.aws/v1', 'EC2NodeClass', ec2NodeClassSpec, { namespaced: false }),
};
