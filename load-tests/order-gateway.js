// GENERATED from config/values/slo.ts by `npm run load-tests:generate`: DO NOT EDIT.
// Load test of order-gateway: its thresholds are the service's SLOs (availability 99.95%, p99 <= 250 ms),
// so a run fails (exit code 99) exactly when the promotion analysis would.
import http from 'k6/http';
import { check } from 'k6';

// Required: the service to test, e.g. http://order-gateway-preview.<namespace>.svc.cluster.local:<port> or a staging URL.
const BASE_URL = __ENV.BASE_URL;
if (!BASE_URL) throw new Error('set BASE_URL to the service under test');
const RATE = Number(__ENV.RATE || 200);
const DURATION = __ENV.DURATION || '420s';

// Only 5xx spend the availability budget: 4xx are the client's errors.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 499 }));

export const options = {
  scenarios: {
    slo: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: 20,
      maxVUs: 80,
    },
  },
  thresholds: {
    http_req_failed: [{ threshold: 'rate<=0.0005', abortOnFail: true, delayAbortEval: '30s' }],
    http_req_duration: [{ threshold: 'p(99)<=250', abortOnFail: true, delayAbortEval: '30s' }],
  },
};

export default function () {
  const res = http.get(BASE_URL + '/v1/orders/validate', { tags: { name: '/v1/orders/validate' } });
  check(res, { 'not a server error': (r) => r.status < 500 });
}
