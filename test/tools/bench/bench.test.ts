import { describe, expect, test } from 'vitest';
import { progressReporter, timedRow, withExtraEnvironment } from '../../../tools/bench.js';
import { configInput } from '../../support/platform.js';

describe('npm run bench', () => {
  test('reports each run as it ends, counting the steps, before the row is printed', () => {
    const events: string[] = [];
    const progress = progressReporter(4, (line) => events.push(line));
    let n = 0;
    const row = timedRow('npm run synth', 3, () => ({ seconds: [2.5, 1.5, 2][n++] ?? 0, peakMb: 200 }), progress);
    events.push(row);
    expect(events).toEqual([
      '[1/4] npm run synth, run 1 of 3: 2.50 s\n',
      '[2/4] npm run synth, run 2 of 3: 1.50 s\n',
      '[3/4] npm run synth, run 3 of 3: 2.00 s\n',
      '| npm run synth | 2.00 s | 200 MB | 2.50, 1.50, 2.00 |',
    ]);
  });

  test('the extra environment is a valid development-tier copy deployed before production', () => {
    const config = withExtraEnvironment(configInput());
    expect(config.deployOrder).toEqual(['dev', 'bench', 'staging', 'prod']);
    expect(config.environments.bench).toMatchObject({ tier: 'development', accountId: '999999999999' });
  });
});
