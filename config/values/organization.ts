import type { PlatformConfigInput } from '../schema/platform.js';
import { environments } from './environments.js';

/** TradeSense as an organization: names, repository, DNS zone, home region, where Argo CD reads. */
export const organization: PlatformConfigInput['organization'] = {
  name: 'tradesense',
  repository: 'tradesense/platform',
  domain: 'tradesense.io',
  homeRegion: 'us-east-1',
  gitops: { repoURL: 'https://github.com/tradesense/platform.git', branch: 'rendered-manifests' },
};

/** The mandatory tags every resource carries, and their Kubernetes label twins. */
export const tagTaxonomy: PlatformConfigInput['tagTaxonomy'] = [
  {
    key: 'Environment',
    label: 'tradesense.io/environment',
    description: `Deployment environment (${Object.keys(environments).join(', ')}).`,
  },
  { key: 'Service', label: 'tradesense.io/service', description: 'Service or platform component the resource belongs to.' },
  { key: 'Team', label: 'tradesense.io/team', description: 'Owning team; must be a team from config.' },
  { key: 'CostCentre', label: 'tradesense.io/cost-centre', description: 'Finance cost centre charged for the resource.' },
  {
    key: 'ManagedBy',
    label: 'tradesense.io/managed-by',
    description: 'Tool that owns the resource lifecycle.',
    allowedValues: ['terraform', 'argocd'],
  },
  {
    key: 'DataClassification',
    label: 'tradesense.io/data-classification',
    description: 'Highest data class stored or processed.',
    allowedValues: ['public', 'internal', 'confidential', 'restricted'],
  },
];
