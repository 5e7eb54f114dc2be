/**
 * Kubernetes resource quantities as numbers: CPU in millicores, memory (and
 * counts) in base units. Accepts the suffixes the API server accepts
 * (`m`, decimal `k M G T P E`, binary `Ki Mi Gi Ti Pi Ei`) and plain or decimal numbers.
 */
const SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity in base units (`500m` → 0.5, `1Gi` → 1073741824); throws on what the API server rejects. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim());
  const factor = m ? SUFFIX[m[2] ?? ''] : undefined;
  if (!m || factor === undefined) throw new Error(`'${q}' is not a Kubernetes quantity`);
  return Number(m[1]) * factor;
}

/** CPU for findings: `14.4` cores. */
export const formatCpu = (cores: number): string => `${Number(cores.toFixed(3))}`;
/** Memory for findings, in Gi: `27.5Gi`. */
export const formatMemory = (bytes: number): string => `${Number((bytes / 2 ** 30).toFixed(2))}Gi`;
