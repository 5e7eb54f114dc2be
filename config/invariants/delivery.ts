import type { Invariant } from './invariant.js';

/** Cross-field rules of the delivery section (config/schema/slo.ts) against services and teams. */
export const DELIVERY_INVARIANTS: Invariant[] = [
  {
    id: 'delivery-covers-services',
    check: (c) => {
      const names = new Set(c.services.map((s) => s.name));
      return [
        ...c.services
          .filter((s) => !(s.name in c.delivery.services))
          .map((s) => ({
            path: ['delivery', 'services', s.name],
            message: `service ${s.name} has no delivery entry (version, slo, autoscaling, loadTest); add one in config/values/slo.ts`,
          })),
        ...Object.keys(c.delivery.services)
          .filter((n) => !names.has(n))
          .map((n) => ({
            path: ['delivery', 'services', n],
            message: `delivery entry '${n}' names no service; remove it or add the service to services`,
          })),
      ];
    },
  },
  {
    id: 'autoscaling-bounds',
    check: (c) =>
      c.services.flatMap((s) => {
        const d = c.delivery.services[s.name];
        const path = ['delivery', 'services', s.name, 'autoscaling', 'maxReplicas'];
        if (s.replicas < 2) {
          return [
            {
              path: ['services', c.services.indexOf(s), 'replicas'],
              message: `${s.name} runs ${s.replicas} replica; its PodDisruptionBudget keeps replicas - 1 available, so set replicas to 2 or more`,
            },
          ];
        }
        if (d && d.autoscaling.maxReplicas < s.replicas) {
          return [
            {
              path,
              message: `maxReplicas ${d.autoscaling.maxReplicas} is below ${s.name}'s replicas (${s.replicas}), the HPA minimum; raise maxReplicas`,
            },
          ];
        }
        return [];
      }),
  },
  {
    id: 'rollback-window-covers-analysis',
    check: (c) => {
      const { analysis, blueGreen } = c.delivery;
      const analysisSeconds = analysis.initialDelaySeconds + analysis.intervalSeconds * analysis.count;
      return blueGreen.scaleDownDelaySeconds < analysisSeconds
        ? [
            {
              path: ['delivery', 'blueGreen', 'scaleDownDelaySeconds'],
              message: `scaleDownDelaySeconds ${blueGreen.scaleDownDelaySeconds} ends before post-promotion analysis (${analysisSeconds} s); raise it so an abort can still switch back to the previous version`,
            },
          ]
        : [];
    },
  },
  {
    id: 'load-test-covers-analysis',
    check: (c) => {
      const { analysis } = c.delivery;
      const analysisSeconds = analysis.initialDelaySeconds + analysis.intervalSeconds * analysis.count;
      return Object.entries(c.delivery.services).flatMap(([name, d]) =>
        d.loadTest.durationSeconds < analysisSeconds
          ? [
              {
                path: ['delivery', 'services', name, 'loadTest', 'durationSeconds'],
                message: `load test of ${name} (${d.loadTest.durationSeconds} s) ends before pre-promotion analysis (${analysisSeconds} s) stops measuring; raise durationSeconds`,
              },
            ]
          : [],
      );
    },
  },
  {
    id: 'alert-routes-for-teams',
    check: (c) => {
      const teams = [...new Set([...c.services.map((s) => s.team), ...Object.values(c.environments).map((e) => e.owner.team)])].sort();
      return teams
        .filter((t) => !(t in c.delivery.alerting.slackChannels))
        .map((t) => ({
          path: ['delivery', 'alerting', 'slackChannels', t],
          message: `team ${t} owns services or an environment but has no Slack channel for its alerts; add slackChannels.${t}`,
        }));
    },
  },
];
