/** Small IPv4 CIDR helpers: parse, overlap test and subdivision into equal subnets. */
export interface Cidr {
  readonly network: number; // unsigned 32-bit network address
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { network: address, prefix };
}

export function formatCidr(cidr: Cidr): string {
  const n = cidr.network;
  const octets = [n / 2 ** 24, (n / 2 ** 16) % 256, (n / 2 ** 8) % 256, n % 256].map(Math.floor);
  return `${octets.join('.')}/${cidr.prefix}`;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const aEnd = a.network + 2 ** (32 - a.prefix);
  const bEnd = b.network + 2 ** (32 - b.prefix);
  return a.network < bEnd && b.network < aEnd;
}

/** The `index`-th subnet of size `/newPrefix` inside `parent`. */
export function subnet(parent: Cidr, newPrefix: number, index: number): Cidr {
  const count = 2 ** (newPrefix - parent.prefix);
  if (newPrefix < parent.prefix || index < 0 || index >= count) {
    throw new Error(`subnet ${index} of /${newPrefix} does not fit in ${formatCidr(parent)}`);
  }
  return { network: parent.network + index * 2 ** (32 - newPrefix), prefix: newPrefix };
}
