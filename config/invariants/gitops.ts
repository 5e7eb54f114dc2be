import type { Invariant } from './invariant.js';

/** Sync windows, public services and their routes name what exists; the edge's write paths are routed. */
export const GITOPS_INVARIANTS: Invariant[] = [
  {
    id: 'sync-windows-name-environments',
    check: (c) =>
      Object.keys(c.gitops.syncWindows)
        .filter((name) => !(name in c.environments))
        .map((name) => ({
          path: ['gitops', 'syncWindows', name],
          message: `sync windows for unknown environment '${name}': use one of ${Object.keys(c.environments).join(', ')}`,
        })),
  },
  {
    id: 'public-services-exist',
    check: (c) =>
      c.gitops.publicServices
        .filter((name) => !c.services.some((s) => s.name === name))
        .map((name) => ({
          path: ['gitops', 'publicServices'],
          message: `public service '${name}' is not in services; list one of ${c.services.map((s) => s.name).join(', ')}`,
        })),
  },
  {
    id: 'public-routes-for-public-services',
    check: (c) => [
      ...c.gitops.publicServices
        .filter((name) => !c.gitops.publicRoutes[name])
        .map((name) => ({
          path: ['gitops', 'publicRoutes'],
          message: `public service '${name}' has no route; add publicRoutes['${name}'] with its URI prefixes, e.g. ['/v1/...']`,
        })),
      ...Object.keys(c.gitops.publicRoutes)
        .filter((name) => !c.gitops.publicServices.includes(name))
        .map((name) => ({
          path: ['gitops', 'publicRoutes', name],
          message: `'${name}' is routed but not in publicServices, so the mesh and network policies refuse the gateway; add it to publicServices or remove its routes`,
        })),
    ],
  },
  {
    id: 'public-routes-unique',
    check: (c) => {
      const owners = new Map<string, string[]>();
      for (const [service, prefixes] of Object.entries(c.gitops.publicRoutes))
        for (const p of prefixes) owners.set(p, [...(owners.get(p) ?? []), service]);
      return [...owners]
        .filter(([, services]) => services.length > 1)
        .map(([prefix, services]) => ({
          path: ['gitops', 'publicRoutes'],
          message: `'${prefix}' is routed to ${services.join(' and ')}; route each prefix to one service`,
        }));
    },
  },
  {
    id: 'edge-write-paths-routed',
    check: (c) =>
      Object.entries(c.security.edge).flatMap(([env, edge]) =>
        edge.writePaths
          .filter(
            (pattern) =>
              !Object.values(c.gitops.publicRoutes)
                .flat()
                .some((prefix) => pattern.replace(/\*$/, '').startsWith(prefix)),
          )
          .map((pattern) => ({
            path: ['security', 'edge', env, 'writePaths'],
            message: `write path '${pattern}' is served by no gitops.publicRoutes prefix, so CloudFront would send writes nowhere; route it to its service or remove it`,
          })),
      ),
  },
];
