import type { ServiceDelivery } from '../../config/schema/slo.js';
import { tidy } from '../observability/slo/windows.js';
import { promotionThresholds } from './thresholds.js';

/** Where the generated scripts live in the repo (CI runs `k6 run load-tests/<service>.js`). */
export const LOAD_TEST_DIR = 'load-tests';

/**
 * The k6 script of one service (`d`: its config.delivery.services entry;
 * `maxBurnRate`: config.delivery.analysis.maxBurnRate), generated from config so its thresholds are the
 * SLOs the promotion analysis applies. The same text is checked in under
 * load-tests/ (for CI against staging) and mounted by the analysis Job.
 */
export function k6Script(service: string, d: ServiceDelivery, maxBurnRate: number): string {
  const t = promotionThresholds(d, maxBurnRate);
  const percentile = tidy(100 - t.maxSlowRatio * 100);
  const vus = Math.max(10, Math.ceil(d.loadTest.ratePerSecond / 10));
  return `// GENERATED from config/values/slo.ts by \`npm run load-tests:generate\`: DO NOT EDIT.
// Load test of ${service}: its thresholds are the service's SLOs (availability ${d.slo.availability}%, p99 <= ${d.slo.latencyP99Ms} ms),
// so a run fails (exit code 99) exactly when the promotion analysis would.
import http from 'k6/http';
import { check } from 'k6';

// Required: the service to test, e.g. http://${service}-preview.<namespace>.svc.cluster.local:<port> or a staging URL.
const BASE_URL = __ENV.BASE_URL;
if (!BASE_URL) throw new Error('set BASE_URL to the service under test');
const RATE = Number(__ENV.RATE || ${d.loadTest.ratePerSecond});
const DURATION = __ENV.DURATION || '${d.loadTest.durationSeconds}s';

// Only 5xx spend the availability budget: 4xx are the client's errors.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 499 }));

export const options = {
  scenarios: {
    slo: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: ${vus},
      maxVUs: ${vus * 4},
    },
  },
  thresholds: {
    http_req_failed: [{ threshold: 'rate<=${t.maxErrorRatio}', abortOnFail: true, delayAbortEval: '30s' }],
    http_req_duration: [{ threshold: 'p(${percentile})<=${t.latencyP99Ms}', abortOnFail: true, delayAbortEval: '30s' }],
  },
};

export default function () {
  const res = http.get(BASE_URL + '${d.loadTest.path}', { tags: { name: '${d.loadTest.path}' } });
  check(res, { 'not a server error': (r) => r.status < 500 });
}
`;
}
