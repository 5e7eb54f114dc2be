import { isTrue } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** Databases are reachable only from inside the VPC. */
export const rdsNotPublic: AwsRule = {
  id: 'rds-not-public',
  types: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (r) => (isTrue(r.body.publicly_accessible) ? violation('publicly_accessible is true') : 'compliant'),
};
