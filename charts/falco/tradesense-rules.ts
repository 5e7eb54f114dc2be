import { teamNamespace } from '../../config/derive/cluster-names.js';
import type { Environment } from '../../config/schema/environment.js';
import type { GitopsConfig } from '../../config/schema/gitops.js';
import type { Service } from '../../config/schema/service.js';
import type { DatabaseReach } from '../network-policies/database-peers.js';
import { ISTIOD_PORTS, OTLP_PORTS } from '../network-policies/peers.js';
import { SERVICE_NAME_LABEL } from '../workloads/names.js';
import type { FalcoItem, FalcoRule } from './falco-rules.js';

/** What a cluster's Falco rules are written from. */
export interface FalcoRulesInput {
  readonly tier: Environment['tier'];
  readonly services: readonly Service[];
  /** Where spans go (config.gitops.tracing): the order services' allowed OTLP egress. */
  readonly tracing: Pick<GitopsConfig['tracing'], 'service' | 'port'>;
  /** The database as this cluster reaches it (network-policies/database-peers.ts). @default none: no database */
  readonly database?: DatabaseReach;
}

/**
 * The collector's addresses as Falco resolves them (`fd.sip.name`): its Service
 * (what the app connects to) and the headless Service the OpenTelemetry
 * operator creates beside it (the pod IPs the sidecar's Envoy connects to).
 */
export function collectorHosts(service: string): string[] {
  const [name = '', ...rest] = service.split('.');
  return [service, [`${name}-headless`, ...rest].join('.')];
}

const WHERE = 'ns=%k8s.ns.name pod=%k8s.pod.name container=%container.name image=%container.image.repository';

/** Building blocks, prefixed `ts_` so they never collide with Falco's default rules. */
const BASE: FalcoItem[] = [
  { list: 'ts_shell_binaries', items: ['ash', 'bash', 'csh', 'dash', 'fish', 'ksh', 'sh', 'tcsh', 'zsh'] },
  {
    list: 'ts_write_protected_dirs',
    items: ['/etc', '/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/lib', '/usr/lib'],
  },
  {
    list: 'ts_sensitive_files',
    items: ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/var/run/secrets/kubernetes.io/serviceaccount/token', '/root/.aws/credentials'],
  },
  {
    list: 'ts_miner_process_names',
    items: ['xmrig', 'xmr-stak', 'minerd', 'cpuminer', 'ccminer', 'nanominer', 't-rex', 'lolminer', 'nbminer', 'ethminer', 'phoenixminer'],
  },
  { list: 'ts_miner_pool_ports', items: [3333, 4444, 5555, 5588, 7777, 9999, 14433, 14444, 45560, 45700] },
  {
    list: 'ts_miner_pool_domains',
    items: [
      'pool.minexmr.com',
      'xmr.nanopool.org',
      'pool.supportxmr.com',
      'xmrpool.eu',
      'gulf.moneroocean.stream',
      'mine.c3pool.com',
      'xmr.2miners.com',
      'pool.hashvault.pro',
      'auto.c3pool.org',
    ],
  },
  { list: 'ts_private_networks', items: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8'] },
  { macro: 'ts_container', condition: 'container.id != host' },
  { macro: 'ts_spawned_process', condition: 'evt.type in (execve, execveat) and evt.dir=<' },
  // Completed or in-progress connects over IPv4 or IPv6 (non-blocking sockets report EINPROGRESS).
  {
    macro: 'ts_outbound_connect',
    condition: 'evt.type = connect and evt.dir=< and (fd.typechar = 4 or fd.typechar = 6) and (evt.rawres >= 0 or evt.res = EINPROGRESS)',
  },
  { macro: 'ts_open_write', condition: "evt.type in (open, openat, openat2) and evt.is_open_write=true and fd.typechar='f'" },
  { macro: 'ts_open_read', condition: "evt.type in (open, openat, openat2) and evt.is_open_read=true and fd.typechar='f'" },
  // The container's own entrypoint is started by the runtime; anything with a TTY below it came from `kubectl exec -it`.
  {
    macro: 'ts_runtime_parent',
    condition: '(not proc.pname exists or proc.pname in (runc, "runc:[0:PARENT]", "runc:[1:CHILD]", containerd-shim, crio, conmon))',
  },
];

const rule = (r: FalcoRule): FalcoRule => r;

/**
 * TradeSense's Falco rules for one cluster, as data rendered into the chart's
 * customRules: what an attacker on a trading platform does first (a shell,
 * a call home from the order path, tampering, credential theft, mining).
 */
export function tradesenseFalcoRules(input: FalcoRulesInput): FalcoItem[] {
  const { services, tracing } = input;
  const teamNamespaces = [...new Set(services.map((s) => teamNamespace(s.team)))].sort();
  // The order path (config services[].orderPath): the most sensitive egress on the platform.
  const orderServices = services.filter((s) => s.orderPath);
  const items: FalcoItem[] = [
    ...BASE,
    { list: 'ts_team_namespaces', items: teamNamespaces },
    rule({
      rule: 'TradeSense shell spawned in a container',
      desc: 'A shell started inside a service container: services never need one, an intruder always does.',
      condition: '(ts_spawned_process) and (ts_container) and proc.name in (ts_shell_binaries) and k8s.ns.name in (ts_team_namespaces)',
      output: `Shell spawned in a container (user=%user.name shell=%proc.name parent=%proc.pname cmdline=%proc.cmdline ${WHERE})`,
      priority: 'WARNING',
      tags: ['tradesense', 'container', 'shell', 'mitre_execution', 'T1059'],
    }),
    rule({
      rule: 'TradeSense write below etc or binary directories',
      desc: 'A container process opens a file for writing under /etc or a binary directory: tampering with config or binaries.',
      condition: '(ts_open_write) and (ts_container) and fd.name pmatch (ts_write_protected_dirs)',
      output: `Write below a protected directory (file=%fd.name proc=%proc.name cmdline=%proc.cmdline ${WHERE})`,
      priority: 'ERROR',
      tags: ['tradesense', 'filesystem', 'mitre_persistence', 'T1543'],
    }),
    rule({
      rule: 'TradeSense read of sensitive files',
      desc: 'A service container reads password hashes, a service-account token or AWS credentials.',
      condition:
        '(ts_open_read) and (ts_container) and k8s.ns.name in (ts_team_namespaces) and (fd.name in (ts_sensitive_files) or fd.name endswith "/.aws/credentials")',
      output: `Sensitive file read (file=%fd.name proc=%proc.name cmdline=%proc.cmdline ${WHERE})`,
      priority: 'CRITICAL',
      tags: ['tradesense', 'filesystem', 'credentials', 'mitre_credential_access', 'T1552'],
    }),
    rule({
      rule: 'TradeSense crypto miner process',
      desc: 'A known miner binary or a stratum mining URL on a command line.',
      condition:
        '(ts_spawned_process) and (ts_container) and (proc.name in (ts_miner_process_names) or proc.cmdline contains "stratum+tcp://" or proc.cmdline contains "stratum+ssl://")',
      output: `Crypto miner started (proc=%proc.name cmdline=%proc.cmdline ${WHERE})`,
      priority: 'CRITICAL',
      tags: ['tradesense', 'cryptomining', 'mitre_impact', 'T1496'],
    }),
    rule({
      rule: 'TradeSense connection to a crypto mining pool',
      desc: 'A container connects to a known mining pool domain or a mining pool port outside the VPC.',
      condition:
        '(ts_outbound_connect) and (ts_container) and (fd.sip.name in (ts_miner_pool_domains) or (fd.sport in (ts_miner_pool_ports) and not fd.snet in (ts_private_networks)))',
      output: `Connection to a mining pool (dest=%fd.sip:%fd.sport name=%fd.sip.name proc=%proc.name ${WHERE})`,
      priority: 'CRITICAL',
      tags: ['tradesense', 'cryptomining', 'network', 'mitre_impact', 'T1496'],
    }),
  ];
  if (orderServices.length > 0) {
    // Order services may reach DNS, istiod and their callees in the VPC, the OTLP collector (by its own
    // addresses, not any host on 4317/4318), and, when stateful, the database in the isolated subnets.
    const calleePorts = services.filter((s) => orderServices.some((o) => o.calls.includes(s.name))).map((s) => s.port);
    const allowedPorts = [...new Set([53, ...ISTIOD_PORTS, ...calleePorts])].sort((a, b) => a - b);
    const database = orderServices.some((s) => s.stateful) ? input.database : undefined;
    items.push(
      { list: 'ts_order_namespaces', items: [...new Set(orderServices.map((s) => teamNamespace(s.team)))].sort() },
      { list: 'ts_order_services', items: orderServices.map((s) => s.name).sort() },
      { list: 'ts_order_allowed_ports', items: allowedPorts },
      { list: 'ts_otlp_collector_hosts', items: collectorHosts(tracing.service) },
      { list: 'ts_otlp_collector_ports', items: [...new Set([tracing.port, ...OTLP_PORTS])].sort((a, b) => a - b) },
      { macro: 'ts_otlp_export', condition: 'fd.sport in (ts_otlp_collector_ports) and fd.sip.name in (ts_otlp_collector_hosts)' },
      ...(database
        ? [
            { list: 'ts_order_database_networks', items: database.cidrs },
            { macro: 'ts_order_database_connect', condition: `fd.sport = ${database.port} and fd.snet in (ts_order_database_networks)` },
          ]
        : []),
      {
        macro: 'ts_order_expected_connect',
        condition: [
          '(fd.snet in (ts_private_networks) and fd.sport in (ts_order_allowed_ports))',
          '(ts_otlp_export)',
          ...(database ? ['(ts_order_database_connect)'] : []),
        ].join(' or '),
      },
      rule({
        rule: 'TradeSense unexpected outbound connection from order services',
        desc: 'An order service connects outside the VPC or to a port none of its callees listens on: exfiltration or a call home.',
        condition: `(ts_outbound_connect) and (ts_container) and k8s.ns.name in (ts_order_namespaces) and k8s.pod.label[${SERVICE_NAME_LABEL}] in (ts_order_services) and not (ts_order_expected_connect)`,
        output: `Unexpected outbound connection from an order service (dest=%fd.sip:%fd.sport proc=%proc.name cmdline=%proc.cmdline ${WHERE})`,
        priority: 'CRITICAL',
        tags: ['tradesense', 'network', 'orders', 'mitre_exfiltration', 'T1041'],
      }),
    );
  }
  if (input.tier === 'production') {
    items.push(
      rule({
        rule: 'TradeSense interactive exec into a production pod',
        desc: 'A process with a terminal started in a production container (kubectl exec -it): production is changed through git only.',
        condition: '(ts_spawned_process) and (ts_container) and proc.tty != 0 and (ts_runtime_parent)',
        output: `Interactive exec into a production pod (user=%user.name proc=%proc.name cmdline=%proc.cmdline terminal=%proc.tty ${WHERE})`,
        priority: 'CRITICAL',
        tags: ['tradesense', 'production', 'exec', 'mitre_execution', 'T1609'],
      }),
    );
  }
  return items;
}
