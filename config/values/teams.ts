import type { PlatformConfigInput } from '../schema/platform.js';

/** TradeSense's teams: who to call, who pays, which GitHub team reviews their code. */
export const teams: PlatformConfigInput['teams'] = [
  { name: 'platform', contact: 'platform@tradesense.io', costCentre: 'CC-1000', githubTeam: '@tradesense/platform' },
  { name: 'trading', contact: 'trading-oncall@tradesense.io', costCentre: 'CC-2010', githubTeam: '@tradesense/trading' },
  { name: 'market-data', contact: 'market-data@tradesense.io', costCentre: 'CC-2020', githubTeam: '@tradesense/market-data' },
  { name: 'risk', contact: 'risk-oncall@tradesense.io', costCentre: 'CC-2030', githubTeam: '@tradesense/risk' },
  { name: 'portfolio', contact: 'portfolio@tradesense.io', costCentre: 'CC-2040', githubTeam: '@tradesense/portfolio' },
];

/** TradeSense's services, each owned by one team. */
export const services: PlatformConfigInput['services'] = [
  {
    name: 'order-gateway',
    team: 'trading',
    description: 'Accepts, validates and routes client orders.',
    port: 8080,
    replicas: 3,
    calls: ['risk-engine', 'market-data-feed'],
    orderPath: true,
  },
  { name: 'market-data-feed', team: 'market-data', description: 'Normalises exchange feeds into quotes.', port: 8080, replicas: 3 },
  {
    name: 'risk-engine',
    team: 'risk',
    description: 'Pre-trade risk checks and exposure limits.',
    port: 8080,
    replicas: 2,
    calls: ['market-data-feed'],
    stateful: true,
    orderPath: true,
  },
  {
    name: 'portfolio-api',
    team: 'portfolio',
    description: 'Positions, P&L and portfolio queries.',
    port: 8080,
    replicas: 2,
    calls: ['risk-engine', 'market-data-feed'],
  },
];
