import { describe, expect, it } from 'vitest';
import { claimsHaveStorageClass, eksStorageClasses } from '../../../policies/cluster-state/claims-have-storage-class.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateApplication, stateAt, stateContext, stateObject } from '../../support/cluster-state.js';

const apps = [stateApplication({ name: 'storage-classes', wave: 10 }), stateApplication({ name: 'kube-prometheus-stack', wave: 20 })];
const gp3 = (application = 'storage-classes', isDefault = true) =>
  stateObject({
    application,
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    name: 'gp3',
    clusterScoped: true,
    body: {
      metadata: { name: 'gp3', annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
      provisioner: 'ebs.csi.aws.com',
    },
  });
const prometheus = (storageClassName?: string) =>
  stateObject({
    application: 'kube-prometheus-stack',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    name: 'prometheus',
    namespace: 'monitoring',
    body: {
      spec: {
        storage: {
          volumeClaimTemplate: {
            spec: { ...(storageClassName === undefined ? {} : { storageClassName }), resources: { requests: { storage: '5Gi' } } },
          },
        },
      },
    },
  });
const statefulSet = (storageClassName: string) =>
  stateObject({
    application: 'kube-prometheus-stack',
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: 'tempo',
    namespace: 'observability',
    body: { spec: { volumeClaimTemplates: [{ metadata: { name: 'storage' }, spec: { storageClassName } }] } },
  });
const check = (objects: StateObject[], kubeVersion = '1.33') =>
  claimsHaveStorageClass.check({ ...fixtureState(objects, apps), kubeVersion }, stateContext());

describe('claims-have-storage-class', () => {
  it('passes claims naming an applied class, and unset classes when a default exists', () => {
    expect(check([gp3(), prometheus('gp3'), prometheus(), statefulSet('gp3')])).toEqual([]);
  });

  it('passes the EKS gp2 class by name, and as the default only in clusters created before 1.30', () => {
    expect(check([statefulSet('gp2')])).toEqual([]);
    expect(check([prometheus()], '1.29')).toEqual([]);
    expect(eksStorageClasses('1.33')).toEqual([{ name: 'gp2', isDefault: false }]);
  });

  it('fails a claim template naming a class nobody creates, with the path and the classes there are', () => {
    const [v] = check([statefulSet('gp3')]);
    expect(v?.where).toBe('kube-prometheus-stack#StatefulSet/observability/tempo');
    expect(v?.detail).toBe("spec.volumeClaimTemplates[0] asks for StorageClass 'gp3', which the cluster does not have (it has: gp2)");
  });

  it('fails an unset class on EKS 1.30+ without a default class', () => {
    const [v] = check([gp3('storage-classes', false), prometheus()]);
    expect(v?.detail).toMatch(
      /spec\.storage\.volumeClaimTemplate sets no storageClassName and the cluster has no default StorageClass \(it has: gp3, gp2\)/,
    );
  });

  it('fails a class applied at a later wave than its claim', () => {
    const late = [stateApplication({ name: 'storage-classes', wave: 30 }), stateApplication({ name: 'kube-prometheus-stack', wave: 20 })];
    const [v] = claimsHaveStorageClass.check(fixtureState([gp3(), prometheus('gp3')], late), stateContext());
    expect(v?.detail).toMatch(/from Application 'storage-classes' at wave 30, after this claim's wave 20/);
  });

  it('fails two default classes', () => {
    const other = {
      ...gp3(),
      name: 'io2',
      body: { metadata: { name: 'io2', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } },
    };
    expect(check([gp3(), other]).map((v) => v.detail)).toEqual([
      expect.stringMatching(/more than one default StorageClass \(gp3, io2\)/),
      expect.stringMatching(/more than one default/),
    ]);
  });
});

describe('the TradeSense clusters', () => {
  it.each(['dev/us-east-1', 'prod/us-west-2'])(
    "%s: Prometheus' and Tempo's claims bind to the default gp3 class from an earlier wave",
    async (dir) => {
      const state = await stateAt(dir);
      const gp3Class = state.objects.find((o) => o.kind === 'StorageClass' && o.name === 'gp3');
      expect(gp3Class?.body).toMatchObject({
        provisioner: 'ebs.csi.aws.com',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
        parameters: {
          type: 'gp3',
          encrypted: 'true',
          kmsKeyId: expect.stringMatching(/^arn:aws:kms:[a-z0-9-]+:\d{12}:alias\/tradesense-[a-z]+-[a-z0-9-]+-volumes$/),
        },
        metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      });
      expect(claimsHaveStorageClass.check(state, stateContext(dir))).toEqual([]);
      const withoutIt = { ...state, objects: state.objects.filter((o) => o.kind !== 'StorageClass') };
      const names = claimsHaveStorageClass.check(withoutIt, stateContext(dir)).map((v) => v.where);
      expect(names).toEqual(
        expect.arrayContaining([
          'kube-prometheus-stack#Prometheus/monitoring/kube-prometheus-stack-prometheus',
          'tempo#StatefulSet/observability/tempo',
        ]),
      );
    },
  );
});
