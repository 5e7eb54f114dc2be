/**
 * Pod label naming the TradeSense service; mesh authorization policies select
 * on it, so the delivery charts must set it on every service's pods.
 */
export const SERVICE_NAME_LABEL = 'app.kubernetes.io/name';
