/**
 * CIS AWS Foundations Benchmark section 4 (monitoring): one metric filter and
 * alarm each, over the CloudTrail log group. Patterns follow the benchmark text;
 * `securityHub` is the Security Hub control that checks the same thing.
 */
export interface CisMonitoringControl {
  readonly id: string;
  readonly cis: string;
  readonly securityHub?: string;
  readonly title: string;
  readonly pattern: string;
}

const anyEvent = (names: string[]) => names.map((n) => `($.eventName = ${n})`).join(' || ');

export const CIS_MONITORING_CONTROLS: readonly CisMonitoringControl[] = [
  {
    id: 'unauthorized-api-calls',
    cis: '4.1',
    securityHub: 'CloudWatch.2',
    title: 'Unauthorized API calls',
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: 'console-signin-without-mfa',
    cis: '4.2',
    securityHub: 'CloudWatch.3',
    title: 'Management console sign-in without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'root-account-usage',
    cis: '4.3',
    securityHub: 'CloudWatch.1',
    title: 'Usage of the root account',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: 'iam-policy-changes',
    cis: '4.4',
    securityHub: 'CloudWatch.4',
    title: 'IAM policy changes',
    pattern: `{ ($.eventSource = iam.amazonaws.com) && (${anyEvent([
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ])}) }`,
  },
  {
    id: 'cloudtrail-changes',
    cis: '4.5',
    securityHub: 'CloudWatch.5',
    title: 'CloudTrail configuration changes',
    pattern: `{ ${anyEvent(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'])} }`,
  },
  {
    id: 'console-auth-failures',
    cis: '4.6',
    securityHub: 'CloudWatch.6',
    title: 'Management console authentication failures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: 'cmk-disable-or-deletion',
    cis: '4.7',
    securityHub: 'CloudWatch.7',
    title: 'Disabling or scheduled deletion of customer-managed keys',
    pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(['DisableKey', 'ScheduleKeyDeletion'])}) }`,
  },
  {
    id: 's3-bucket-policy-changes',
    cis: '4.8',
    securityHub: 'CloudWatch.8',
    title: 'S3 bucket policy changes',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent([
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ])}) }`,
  },
  {
    id: 'config-changes',
    cis: '4.9',
    securityHub: 'CloudWatch.9',
    title: 'AWS Config configuration changes',
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent(['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'])}) }`,
  },
  {
    id: 'security-group-changes',
    cis: '4.10',
    securityHub: 'CloudWatch.10',
    title: 'Security group changes',
    pattern: `{ ${anyEvent([
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ])} }`,
  },
  {
    id: 'nacl-changes',
    cis: '4.11',
    securityHub: 'CloudWatch.11',
    title: 'Network ACL changes',
    pattern: `{ ${anyEvent([
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ])} }`,
  },
  {
    id: 'network-gateway-changes',
    cis: '4.12',
    securityHub: 'CloudWatch.12',
    title: 'Network gateway changes',
    pattern: `{ ${anyEvent([
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ])} }`,
  },
  {
    id: 'route-table-changes',
    cis: '4.13',
    securityHub: 'CloudWatch.13',
    title: 'Route table changes',
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent([
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ])}) }`,
  },
  {
    id: 'vpc-changes',
    cis: '4.14',
    securityHub: 'CloudWatch.14',
    title: 'VPC changes',
    pattern: `{ ${anyEvent([
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ])} }`,
  },
  {
    id: 'organizations-changes',
    cis: '4.15',
    title: 'AWS Organizations changes',
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent([
      'AcceptHandshake',
      'AttachPolicy',
      'CreateAccount',
      'CreateOrganizationalUnit',
      'CreatePolicy',
      'DeclineHandshake',
      'DeleteOrganization',
      'DeleteOrganizationalUnit',
      'DeletePolicy',
      'DetachPolicy',
      'DisablePolicyType',
      'EnablePolicyType',
      'InviteAccountToOrganization',
      'LeaveOrganization',
      'MoveAccount',
      'RemoveAccountFromOrganization',
      'UpdatePolicy',
      'UpdateOrganizationalUnit',
    ])}) }`,
  },
];
