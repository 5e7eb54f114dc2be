export const CHAOS_NAMESPACE = 'chaos-mesh';
