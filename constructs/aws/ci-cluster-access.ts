import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { Construct } from 'constructs';

export interface CiClusterAccessProps {
  readonly clusterName: string;
  /** Each CI role and the Kubernetes group its access entry carries (bound by charts/ci-access). */
  readonly principals: readonly { readonly roleArn: string; readonly kubernetesGroup: string }[];
}

/**
 * The CI roles' access to one cluster: AmazonEKSViewPolicy for built-in kinds
 * (it covers no custom resource such as Argo CD Applications, and no
 * port-forward), plus a Kubernetes group per role that the cluster's RBAC
 * binds to exactly what its jobs need.
 */
export class CiClusterAccess extends Construct {
  constructor(scope: Construct, id: string, props: CiClusterAccessProps) {
    super(scope, id);
    props.principals.forEach(({ roleArn, kubernetesGroup }, i) => {
      const entry = new EksAccessEntry(this, `entry-${i}`, {
        clusterName: props.clusterName,
        principalArn: roleArn,
        type: 'STANDARD',
        kubernetesGroups: [kubernetesGroup],
      });
      new EksAccessPolicyAssociation(this, `view-${i}`, {
        clusterName: props.clusterName,
        principalArn: entry.principalArn,
        policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
        accessScope: { type: 'cluster' },
      });
    });
  }
}
