/**
 * CODEOWNERS pattern matching (gitignore rules as GitHub applies them): a
 * leading or inner `/` anchors at the root, a trailing `/` means a directory,
 * `*` stays within one segment, `**` spans segments, and a pattern that names a
 * directory owns everything beneath it, except `dir/*`, which is one level only.
 */
export function codeownersRegex(pattern: string): RegExp {
  let body = pattern;
  const anchored = body.startsWith('/') || body.replace(/\/$/, '').includes('/');
  body = body.replace(/^\//, '');
  const dirOnly = body.endsWith('/');
  if (dirOnly) body = body.slice(0, -1);
  const oneLevel = body.endsWith('/*');
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (body.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (body.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const suffix = dirOnly ? '/.+$' : oneLevel ? '$' : '(?:/.+)?$';
  return new RegExp(prefix + source + suffix);
}

/** Whether a repository-relative path (no leading `/`) is owned through `pattern`. */
export function codeownersMatches(pattern: string, path: string): boolean {
  if (pattern === '*') return true;
  return codeownersRegex(pattern).test(path);
}

/** The last of `patterns` that matches `path` (CODEOWNERS precedence), or undefined. */
export function owningPattern(patterns: readonly string[], path: string): string | undefined {
  return [...patterns].reverse().find((p) => codeownersMatches(p, path));
}
