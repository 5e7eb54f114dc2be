/**
 * Container image references as the container runtime reads them: the
 * distribution/reference grammar (`[host[:port]/]path[:tag][@digest]`). One
 * parser for every rule that judges an image (registry, pinning, validity).
 */
export interface ImageReference {
  /** Registry host (and port); undefined when the reference names none (the runtime would assume Docker Hub). */
  readonly domain?: string;
  /** Repository path below the registry, e.g. `quay/argoproj/argo-rollouts`. */
  readonly path: string;
  readonly tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  readonly digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Hex lengths of the digest algorithms registries accept. */
const DIGEST_HEX: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_MAX = 255;

/** Docker's rule: the first segment is a registry when it has a dot or a port, or is `localhost`. */
const looksLikeDomain = (segment: string) =>
  segment.includes('.') || segment.includes(':') || segment === 'localhost' || segment !== segment.toLowerCase();

function validDomain(domain: string): boolean {
  const [host = '', port, ...rest] = domain.split(':');
  if (rest.length > 0 || (port !== undefined && !/^[0-9]+$/.test(port))) return false;
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

/** The reference's parts, or why it is no valid reference. */
export function parseImageReference(image: string): ImageReference | { readonly error: string } {
  if (image === '') return { error: 'the image is empty' };
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const named = at === -1 ? image : image.slice(0, at);
  if (digest !== undefined) {
    if (!DIGEST.test(digest)) return { error: `'${digest}' is no digest (algorithm:hex)` };
    const [algorithm = '', hex = ''] = digest.split(':');
    const length = DIGEST_HEX[algorithm];
    if (length !== undefined && hex.length !== length)
      return { error: `a ${algorithm} digest has ${length} hex digits, not ${hex.length}` };
  }
  const lastSlash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > lastSlash ? named.slice(colon + 1) : undefined;
  const name = tag === undefined ? named : named.slice(0, colon);
  if (tag !== undefined && !TAG.test(tag)) return { error: `'${tag}' is no valid tag` };
  if (name.length > NAME_MAX) return { error: `the repository name is longer than ${NAME_MAX} characters` };
  const segments = name.split('/');
  const first = segments[0] ?? '';
  const domain = segments.length > 1 && looksLikeDomain(first) ? first : undefined;
  if (domain !== undefined && !validDomain(domain)) return { error: `'${domain}' is no valid registry host` };
  const pathSegments = domain === undefined ? segments : segments.slice(1);
  const bad = pathSegments.find((s) => !PATH_COMPONENT.test(s));
  if (bad !== undefined)
    return {
      error:
        bad === ''
          ? 'the repository path has an empty segment (a leading, trailing or double slash)'
          : `'${bad}' is no valid repository path segment (lower-case letters, digits, separators)`,
    };
  return {
    ...(domain !== undefined ? { domain } : {}),
    path: pathSegments.join('/'),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

export const isImageReference = (parsed: ReturnType<typeof parseImageReference>): parsed is ImageReference => !('error' in parsed);

/** A digest, or a version tag that is not `latest`; a registry port is not a tag; an invalid reference is never pinned. */
export function isPinned(image: string): boolean {
  const ref = parseImageReference(image);
  if (!isImageReference(ref)) return false;
  if (ref.digest !== undefined) return true;
  return ref.tag !== undefined && ref.tag !== 'latest';
}

/**
 * Whether the image comes from one of the registries (a host, optionally with a
 * path prefix): the registry must be followed by `/`, so `<registry>.evil.com/app`
 * is not the registry.
 */
export function fromRegistry(image: string, registries: readonly string[]): boolean {
  return registries.some((registry) => image.startsWith(`${registry}/`));
}

/** `<domain>/<path>`: the repository an image is pulled from, without tag or digest. */
export function repositoryOf(ref: ImageReference): string {
  return ref.domain === undefined ? ref.path : `${ref.domain}/${ref.path}`;
}
