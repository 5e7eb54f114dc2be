import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import type { PodIdentityFact } from '../../config/derive/facts.js';
import { policyDocument, type PolicyStatement } from './iam-policy.js';

export interface PodIdentityRoleProps {
  readonly clusterName: string;
  /** Role name, namespace and service account, from the cluster facts. */
  readonly identity: Pick<PodIdentityFact, 'namespace' | 'serviceAccount' | 'roleName'>;
  /** The least-privilege permissions of the controller. @default [] */
  readonly statements?: PolicyStatement[];
  /** AWS managed policies, for add-ons whose policy AWS maintains. @default [] */
  readonly managedPolicyArns?: string[];
  /** Create the Pod Identity association (EKS add-ons create their own). @default true */
  readonly associate?: boolean;
}

/**
 * An IAM role assumable only through EKS Pod Identity, bound to one service
 * account of one cluster: EKS tags the session with the pod's cluster,
 * namespace and service account, and the trust requires all three, so another
 * association in the account (any namespace, any cluster) cannot use it.
 */
export class PodIdentityRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.identity.roleName,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: {
              'aws:RequestTag/eks-cluster-name': props.clusterName,
              'aws:RequestTag/kubernetes-namespace': props.identity.namespace,
              'aws:RequestTag/kubernetes-service-account': props.identity.serviceAccount,
            },
          },
        },
      ]),
    });
    if (props.statements?.length) {
      new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'least-privilege', policy: policyDocument(props.statements) });
    }
    (props.managedPolicyArns ?? []).forEach(
      (policyArn, i) => new IamRolePolicyAttachment(this, `managed-${i}`, { role: this.role.name, policyArn }),
    );
    if (props.associate === false) return;
    new EksPodIdentityAssociation(this, 'association', {
      clusterName: props.clusterName,
      namespace: props.identity.namespace,
      serviceAccount: props.identity.serviceAccount,
      roleArn: this.role.arn,
    });
  }
}
