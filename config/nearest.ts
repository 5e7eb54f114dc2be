/**
 * "Did you mean" for config keys, enum values and catalog entries: the optimal
 * string alignment distance (Levenshtein plus adjacent transpositions, each edit
 * costing 1), compared case-insensitively so that `slowStatementMS` finds
 * `slowStatementMs` at distance 0.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // rows[i][j]: distance between the first i characters of s and the first j of t.
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  const first = rows[0] ?? [];
  for (let j = 0; j <= t.length; j++) first[j] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] ?? [];
    const above = rows[i - 1] ?? [];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return rows[s.length]?.[t.length] ?? Math.max(s.length, t.length);
}

/**
 * The candidate closest to `value`, when it is close enough to be a plausible
 * typo: at most a third of the value's length in edits (at least 2). Ties go to
 * the candidate whose case matches best, then to the first listed.
 */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(value.length / 3));
  let best: { candidate: string; distance: number; exact: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance > limit) continue;
    const exact = distance === 0 ? [...candidate].filter((ch, i) => ch !== value[i]).length : 0;
    if (!best || distance < best.distance || (distance === best.distance && exact < best.exact)) best = { candidate, distance, exact };
  }
  return best?.candidate;
}

/** `; did you mean 'x'?` when a candidate is close, else the list to choose from. */
export function suggestion(value: string, candidates: readonly string[], noun = 'one of'): string {
  const close = nearest(value, candidates);
  if (close !== undefined) return `did you mean '${close}'?`;
  return candidates.length > 0 ? `use ${noun} ${candidates.join(', ')}` : 'remove it';
}
