import type { AttributeChange } from './attribute-changes.js';

/** Markdown and HTML building blocks of the PR comment. */

export const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
/** Inside <summary>, Markdown is not rendered: HTML code spans. */
export const htmlCode = (text: string) => `<code>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code>`;
export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export const count = (items: readonly { action: string }[], action: string) => items.filter((i) => i.action === action).length;
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const MAX_VALUE = 100;
const CONTEXT = 24;
const MAX_HUNK_LINES = 8;
const MAX_LINE = 160;
const MAX_ATTRIBUTE_LINES = 40;

function value(v: unknown): string {
  const text = v === undefined ? 'undefined' : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 3)}...` : text;
}

/** Length of the common prefix and (not overlapping it) common suffix of two sequences. */
function common<T>(a: ArrayLike<T>, b: ArrayLike<T>): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/** One line, cut around where two texts differ (never the same prefix on both sides). */
export function excerpt(before: string, after: string): { before: string; after: string } {
  const { prefix, suffix } = common(before, after);
  const start = Math.max(0, prefix - CONTEXT);
  const cut = (s: string) => {
    const end = Math.min(s.length, s.length - suffix + CONTEXT);
    const middle = s.slice(start, end);
    const shown = middle.length > MAX_VALUE ? `${middle.slice(0, MAX_VALUE - 3)}...` : middle;
    return `${start > 0 ? '…' : ''}${shown}${end < s.length && middle.length <= MAX_VALUE ? '…' : ''}`;
  };
  return { before: cut(before), after: cut(after) };
}

/** The lines that differ between two multi-line texts, as `-`/`+` diff lines. */
export function lineHunk(before: string, after: string): string[] {
  const b = before.split('\n');
  const a = after.split('\n');
  const { prefix, suffix } = common(b, a);
  const line = (mark: string, text: string) => `${mark}     ${text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 3)}...` : text}`;
  const take = (lines: string[], mark: string) => {
    const changed = lines.slice(prefix, lines.length - suffix);
    const shown = changed.slice(0, MAX_HUNK_LINES).map((l) => line(mark, l));
    return changed.length > MAX_HUNK_LINES ? [...shown, `${mark}     ... ${changed.length - MAX_HUNK_LINES} more line(s)`] : shown;
  };
  return [`#   from line ${prefix + 1}:`, ...take(b, '-'), ...take(a, '+')];
}

function changeLines(c: AttributeChange): string[] {
  const note = c.forcesReplacement ? '   # forces replacement' : '';
  if (c.kind === 'CREATE') return [`+ ${c.path}: ${value(c.after)}${note}`];
  if (c.kind === 'REMOVE') return [`- ${c.path}: ${value(c.before)}${note}`];
  if (typeof c.before === 'string' && typeof c.after === 'string') {
    if (c.before.includes('\n') || c.after.includes('\n')) return [`! ${c.path}: text changed${note}`, ...lineHunk(c.before, c.after)];
    if (JSON.stringify(c.before).length > MAX_VALUE || JSON.stringify(c.after).length > MAX_VALUE) {
      const e = excerpt(c.before, c.after);
      return [`! ${c.path}: ${JSON.stringify(e.before)} -> ${JSON.stringify(e.after)}${note}`];
    }
  }
  return [`! ${c.path}: ${value(c.before)} -> ${value(c.after)}${note}`];
}

/** A ```diff block of attribute changes: `+` added, `-` removed, `!` changed. */
export function attributeLines(changes: readonly AttributeChange[]): string {
  const lines = changes.slice(0, MAX_ATTRIBUTE_LINES).flatMap(changeLines);
  if (changes.length > MAX_ATTRIBUTE_LINES) lines.push(`# ... ${changes.length - MAX_ATTRIBUTE_LINES} more (see the JSON report)`);
  return ['```diff', ...lines.map((l) => l.replace(/```/g, "'''")), '```'].join('\n');
}
