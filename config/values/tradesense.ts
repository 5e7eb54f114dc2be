import type { PlatformConfigInput } from '../schema/platform.js';
import { cost } from './cost.js';
import { data } from './data.js';
import { environments } from './environments.js';
import { gitops } from './gitops.js';
import { organization, tagTaxonomy } from './organization.js';
import { ownership } from './ownership.js';
import { prerequisites } from './prerequisites.js';
import { retention } from './retention.js';
import { security } from './security.js';
import { delivery } from './slo.js';
import { services, teams } from './teams.js';

/** TradeSense's platform: the single source of truth every stack and chart reads. */
export const tradesense: PlatformConfigInput = {
  organization,
  tagTaxonomy,
  teams,
  services,
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
