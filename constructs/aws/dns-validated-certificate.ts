import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface DnsValidatedCertificateProps {
  readonly domainName: string;
  /** Further names the certificate covers (subject alternative names). @default [] */
  readonly alternativeNames?: string[];
  /** Public hosted zone the validation records go into. */
  readonly zoneId: string;
  /** Where the certificate lives (CloudFront needs us-east-1). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * An ACM certificate validated through DNS records Terraform writes into the
 * public zone; ACM renews it by itself for as long as those records exist.
 * `certificateArn` comes from the validation, so a listener using it waits
 * until the certificate is issued.
 */
export class DnsValidatedCertificate extends Construct {
  readonly certificate: AcmCertificate;
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: props.alternativeNames ?? [],
      validationMethod: 'DNS',
      tags: { Name: props.domainName },
      provider: props.provider,
      // A replacement must be issued before the listener lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    const records = new Route53Record(this, 'validation-record', {
      forEach: options,
      zoneId: props.zoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 300,
      // ACM gives one validation record per name and account: another region's certificate for the same name shares it.
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn')),
      provider: props.provider,
    });
    this.certificateArn = validation.certificateArn;
  }
}
