import type { PlatformConfigInput } from '../schema/platform.js';
import { organization, tagTaxonomy } from './organization.js';
import { services, teams } from './teams.js';
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
