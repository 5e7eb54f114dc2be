import { blocks, isTrue } from '../terraform.js';
import { verdictOf, type AwsRule } from '../types.js';

/** Node and instance volumes are encrypted: every block device mapping sets `encrypted`. */
export const ebsVolumesEncrypted: AwsRule = {
  id: 'ebs-volumes-encrypted',
  types: ['aws_launch_template', 'aws_instance', 'aws_ebs_volume'],
  check: (r) => {
    if (r.type === 'aws_ebs_volume') return verdictOf(isTrue(r.body.encrypted) ? [] : ['encrypted is not true']);
    if (r.type === 'aws_instance') {
      const devices = [...blocks(r.body.root_block_device), ...blocks(r.body.ebs_block_device)];
      return verdictOf(
        devices.length === 0
          ? ['no root_block_device with encrypted = true']
          : devices.filter((d) => !isTrue(d.encrypted)).map((d) => `${String(d.device_name ?? 'root')} is not encrypted`),
      );
    }
    const mappings = blocks(r.body.block_device_mappings);
    if (mappings.length === 0) return verdictOf(['no block_device_mappings: the AMI default root volume may be unencrypted']);
    return verdictOf(
      mappings.filter((m) => !blocks(m.ebs).some((e) => isTrue(e.encrypted))).map((m) => `${String(m.device_name)} is not encrypted`),
    );
  },
};
