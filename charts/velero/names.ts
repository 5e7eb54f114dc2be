export const VELERO_NAMESPACE = 'velero';
