import { verdictOf, type K8sRule } from '../types.js';
import { asObject, podTemplateOf, type Json } from './pod-spec.js';

/** Workloads and their pod templates carry every taxonomy label, with an allowed value. Twin: TsRequiredLabels. */
export const requiredLabels: K8sRule = {
  id: 'required-labels',
  check: (object, ctx) => {
    const pod = podTemplateOf(object);
    if (!pod) return 'not-applicable';
    const problems = (where: string, metadata: Json) => {
      const labels = asObject(metadata.labels);
      return ctx.requiredLabels.flatMap(({ label, allowedValues }) => {
        const value = labels[label];
        if (value === undefined || value === null || value === '') return [`${where} lacks label ${label}`];
        if (allowedValues && !allowedValues.includes(String(value)))
          return [`${where} label ${label}=${String(value)} is not one of ${allowedValues.join(', ')}`];
        return [];
      });
    };
    const own = problems('metadata', asObject(object.body.metadata));
    return verdictOf(object.kind === 'Pod' ? own : [...own, ...problems('pod template', pod.metadata)]);
  },
};
