import type { DatabaseSettings } from '../schema/data.js';

/** The port each database engine listens on (both are PostgreSQL; constructs/aws/database-network.ts opens it). */
export const DATABASE_PORTS: Readonly<Record<DatabaseSettings['engine'], number>> = {
  'rds-postgres': 5432,
  'aurora-postgres-global': 5432,
};

/** The port of an environment's database. */
export function databasePort(database: DatabaseSettings): number {
  return DATABASE_PORTS[database.engine];
}
