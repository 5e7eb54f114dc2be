import { blocks } from '../terraform.js';
import { violation, type AwsRule } from '../types.js';

/** Instances accept only session-token (v2) metadata requests, which SSRF cannot forge. */
export const imdsv2Required: AwsRule = {
  id: 'imdsv2-required',
  types: ['aws_launch_template', 'aws_instance'],
  check: (r) =>
    blocks(r.body.metadata_options).some((m) => m.http_tokens === 'required')
      ? 'compliant'
      : violation('metadata_options.http_tokens is not "required"'),
};
