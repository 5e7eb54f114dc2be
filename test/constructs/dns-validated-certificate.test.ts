import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { describe, expect, test } from 'vitest';
import { DnsValidatedCertificate, type DnsValidatedCertificateProps } from '../../constructs/aws/dns-validated-certificate.js';
import { address, awsStack, only, PEER_REGION, probe, providerRef, ref, regionProvider, synth } from './construct-stack.js';

function build(props: Partial<DnsValidatedCertificateProps> = {}) {
  const stack = awsStack();
  const cert = new DnsValidatedCertificate(stack, 'cert', { domainName: 'api.example.com', zoneId: 'Z123', ...props });
  probe(stack, 'arn', cert.certificateArn);
  const out = synth(stack);
  return {
    out,
    certificate: only(out, AcmCertificate.tfResourceType),
    record: only(out, Route53Record.tfResourceType),
    validation: only(out, AcmCertificateValidation.tfResourceType),
  };
}

/** The Terraform expression of a for_each attribute. */
const eachValue = (attribute: string) => `\${each.value.${attribute}}`;

describe('DnsValidatedCertificate', () => {
  test('DNS-validated, no alternative names by default, replaced before the old one is destroyed', () => {
    expect(build().certificate).toEqual({
      domain_name: 'api.example.com',
      subject_alternative_names: [],
      validation_method: 'DNS',
      tags: { Name: 'api.example.com' },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('alternative names are covered', () => {
    expect(build({ alternativeNames: ['api.us-east-1.example.com'] }).certificate.subject_alternative_names).toEqual([
      'api.us-east-1.example.com',
    ]);
  });

  test("one validation record per validation option, in the public zone, shared with another region's certificate", () => {
    const { out, record } = build();
    expect(record.for_each).toBe(
      `\${{ for key, val in tolist(${address(out, AcmCertificate.tfResourceType)}.domain_validation_options): val.domain_name => val }}`,
    );
    expect(record).toMatchObject({
      zone_id: 'Z123',
      name: eachValue('resource_record_name'),
      type: eachValue('resource_record_type'),
      records: [eachValue('resource_record_value')],
      ttl: 300,
      allow_overwrite: true,
    });
  });

  test('certificateArn comes from the validation, so users wait until it is issued', () => {
    const { out, validation } = build();
    expect(validation.certificate_arn).toBe(ref(out, AcmCertificate.tfResourceType, 'arn'));
    expect(validation.validation_record_fqdns).toContain(address(out, Route53Record.tfResourceType));
    expect(out.output.arn?.value).toBe(ref(out, AcmCertificateValidation.tfResourceType, 'certificate_arn'));
  });

  test("another region's provider holds certificate and validation; Route53 records stay global", () => {
    const stack = awsStack();
    new DnsValidatedCertificate(stack, 'cert', {
      domainName: 'api.example.com',
      zoneId: 'Z1',
      provider: regionProvider(stack, PEER_REGION),
    });
    const out = synth(stack);
    expect(only(out, AcmCertificate.tfResourceType).provider).toBe(providerRef(PEER_REGION));
    expect(only(out, AcmCertificateValidation.tfResourceType).provider).toBe(providerRef(PEER_REGION));
    expect(only(out, Route53Record.tfResourceType).provider).toBeUndefined();
  });
});
