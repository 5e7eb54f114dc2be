import type { PlatformConfigInput } from '../schema/platform.js';
import { environments } from './environments.js';
import { retention } from './retention.js';
import { data } from './data.js';
import { cost } from './cost.js';
import { delivery } from './slo.js';
import { security } from './security.js';
import { gitops } from './gitops.js';
import { ownership } from './ownership.js';
import { prerequisites } from './prerequisites.js';

/** TradeSense's platform: the single source of truth every stack and chart reads. */
export const tradesense: PlatformConfigInput = {
  organization: {
    name: 'tradesense',
    repository: 'tradesense/platform',
    domain: 'tradesense.io',
    homeRegion: 'us-east-1',
    gitops: { repoURL: 'https://github.com/tradesense/platform.git', branch: 'rendered-manifests' },
  },
  tagTaxonomy: [
    { key: 'Environment', label: 'tradesense.io/environment', description: 'Deployment environment (dev, staging, prod).' },
    { key: 'Service', label: 'tradesense.io/service', description: 'Service or platform component the resource belongs to.' },
    { key: 'Team', label: 'tradesense.io/team', description: 'Owning team; must be a team from config.' },
    { key: 'CostCentre', label: 'tradesense.io/cost-centre', description: 'Finance cost centre charged for the resource.' },
    { key: 'ManagedBy', label: 'tradesense.io/managed-by', description: 'Tool that owns the resource lifecycle.', allowedValues: ['terraform', 'argocd'] },
    {
      key: 'DataClassification',
      label: 'tradesense.io/data-classification',
      description: 'Highest data class stored or processed.',
      allowedValues: ['public', 'internal', 'confidential', 'restricted'],
    },
  ],
  teams: [
    { name: 'platform', contact: 'platform@tradesense.io', costCentre: 'CC-1000', githubTeam: '@tradesense/platform' },
    { name: 'trading', contact: 'trading-oncall@tradesense.io', costCentre: 'CC-2010', githubTeam: '@tradesense/trading' },
    { name: 'market-data', contact: 'market-data@tradesense.io', costCentre: 'CC-2020', githubTeam: '@tradesense/market-data' },
    { name: 'risk', contact: 'risk-oncall@tradesense.io', costCentre: 'CC-2030', githubTeam: '@tradesense/risk' },
    { name: 'portfolio', contact: 'portfolio@tradesense.io', costCentre: 'CC-2040', githubTeam: '@tradesense/portfolio' },
  ],
  services: [
    { name: 'order-gateway', team: 'trading', description: 'Accepts, validates and routes client orders.', port: 8080, replicas: 3, calls: ['risk-engine', 'market-data-feed'], orderPath: true },
    { name: 'market-data-feed', team: 'market-data', description: 'Normalises exchange feeds into quotes.', port: 8080, replicas: 3 },
    { name: 'risk-engine', team: 'risk', description: 'Pre-trade risk checks and exposure limits.', port: 8080, replicas: 2, calls: ['market-data-feed'], stateful: true, orderPath: true },
    { name: 'portfolio-api', team: 'portfolio', description: 'Positions, P&L and portfolio queries.', port: 8080, replicas: 2, calls: ['risk-engine', 'market-data-feed'] },
  ],
  environments,
  deployOrder: ['dev', 'staging', 'prod'],
  retention,
  data,
  cost,
  delivery,
  security,
  gitops,
  ownership,
  prerequisites,
};
