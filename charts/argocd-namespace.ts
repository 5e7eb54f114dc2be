/**
 * Where Argo CD runs in every cluster: its Applications, AppProjects and cluster
 * Secret live here, and components whose files name every object's namespace
 * use it as their formal destination.
 */
export const ARGOCD_NAMESPACE = 'argocd';
