import { describe, expect, test } from 'vitest';
import { renderClusters } from '../../charts/app.js';
import { peerAnnotations } from '../../charts/argocd/cluster-secret.js';
import { PEER_LOCATION, VELERO_DEFAULT_LOCATION, veleroPeerLocation } from '../../config/derive/cluster-names.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import { clusterAt, findObject, findObjects, renderedClusters, type K8sObject } from '../support/manifests.js';
import { configWith, platformConfig } from '../support/platform.js';

/** The recipe "add a region": a replica in config (the edge keeps one failover origin, an AWS limit). */
const NEW_REGION: AwsRegion = 'eu-west-1';
const threeRegions = configWith((c) => {
  c.environments.prod?.regions.replicas?.push({ region: NEW_REGION, vpcCidr: '10.32.0.0/16' });
  const edge = c.security.edge?.prod;
  if (edge) edge.failoverRegion = 'us-west-2';
});
const clusters = renderClusters(threeRegions);
const prodDirs = clusters.filter((c) => c.view.envName === 'prod').map((c) => c.dir);
const spec = (o: K8sObject) => o.spec as Record<string, any>;

describe('a third production region, added in config only', () => {
  const added = clusterAt(`prod/${NEW_REGION}`, clusters);

  test('renders its own folder, with the files of the other replica cluster', () => {
    const primary = platformConfig().environments.prod?.regions.primary.region;
    expect(prodDirs).toEqual([`prod/${primary}`, 'prod/us-west-2', `prod/${NEW_REGION}`]);
    expect([...added.files.keys()]).toEqual([...clusterAt('prod/us-west-2').files.keys()]);
  });

  test('has its Argo CD root application reading its own folder', () => {
    const root = findObject(added, { kind: 'Application', name: 'root' });
    expect(spec(root).source).toMatchObject({ path: added.dir, directory: { include: 'argocd.k8s.yaml' } });
    const children = findObjects(added, { kind: 'Application' }).filter((a) => spec(a).project === 'platform');
    expect(children.every((a) => spec(a).source?.path === undefined || spec(a).source.path === added.dir)).toBe(true);
  });

  test.each(prodDirs.map((dir) => [dir]))('%s mounts the backups of every peer, read-only, under the peer cluster’s prefix', (dir) => {
    const cluster = clusterAt(dir, clusters);
    const { peers, facts } = cluster.view;
    expect(peers).toHaveLength(2);
    const locations = findObjects(cluster, { kind: 'BackupStorageLocation' });
    expect(locations.map((l) => l.metadata.name)).toEqual([VELERO_DEFAULT_LOCATION, ...peers.map((p) => `peer-${p.region}`)]);
    for (const peer of peers) {
      expect(spec(findObject(cluster, { kind: 'BackupStorageLocation', name: `peer-${peer.region}` }))).toEqual({
        provider: 'aws',
        default: false,
        accessMode: 'ReadOnly',
        objectStorage: { bucket: facts.veleroBucket, prefix: peer.clusterName },
        config: { region: cluster.view.region },
      });
    }
  });

  test('the Argo CD cluster secret lists every peer, primary first, in peer_regions', () => {
    const annotations = findObject(added, { kind: 'Secret', name: 'in-cluster' }).metadata.annotations ?? {};
    expect(annotations.peer_regions).toBe(added.view.peers.map((p) => p.region).join(','));
    expect(annotations.peer_regions?.split(',')[0]).toBe(platformConfig().environments.prod?.regions.primary.region);
    expect(annotations).not.toHaveProperty('peer_region');
  });

  test('changes, in the clusters that were there, only the files that list the peers', () => {
    for (const before of renderedClusters()) {
      const after = clusterAt(before.dir, clusters);
      const changed = [...before.files.keys()].filter((file) => after.files.get(file) !== before.files.get(file));
      expect(changed, before.dir).toEqual(before.view.envName === 'prod' ? ['argocd.k8s.yaml', 'velero-locations.k8s.yaml'] : []);
    }
  });
});

describe('peer names', () => {
  test('one peer keeps the published names: the peer-region location and the peer_region annotation', () => {
    expect(veleroPeerLocation(['us-east-1'], 'us-east-1')).toBe(PEER_LOCATION);
    expect(peerAnnotations(['us-east-1'])).toEqual({ peer_region: 'us-east-1' });
    expect(peerAnnotations([])).toEqual({});
  });

  test('several peers get a location each, named after the region', () => {
    expect(veleroPeerLocation(['us-east-1', 'eu-west-1'], 'eu-west-1')).toBe('peer-eu-west-1');
    expect(() => veleroPeerLocation(['us-east-1'], 'eu-west-1')).toThrow(/eu-west-1 is not a peer region here \(peers: us-east-1\)/);
  });
});
