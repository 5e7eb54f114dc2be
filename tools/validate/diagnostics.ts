/** `terraform validate -json` output, attributed to the stack and the resource address each diagnostic is about. */
import { addressOfPath, jsonPathAtByte } from './json-path.js';

export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number; readonly byte: number } };
  readonly snippet?: { readonly context?: string | null };
}

export interface ValidateOutput {
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly TerraformDiagnostic[];
}

/** A diagnostic about one stack: where (address and key path in the stack's JSON) and what. */
export interface StackDiagnostic {
  readonly stack: string;
  readonly severity: 'error' | 'warning';
  readonly address: string;
  /** Key path of the offending member in the stack's JSON (`resource/aws_eks_cluster/x/deletion_protection`); empty when unknown. */
  readonly path: readonly string[];
  readonly line?: number;
  readonly summary: string;
  readonly detail: string;
}

/** Parses validate's JSON; a non-JSON stdout (terraform crashed, wrong flags) throws with what it printed. */
export function parseValidateOutput(stdout: string, stderr: string): ValidateOutput {
  try {
    const parsed = JSON.parse(stdout) as ValidateOutput;
    if (Array.isArray(parsed.diagnostics)) return parsed;
  } catch {
    // reported below with terraform's own words
  }
  throw new Error(`terraform validate -json printed no JSON result: ${(stderr || stdout).trim().split('\n').slice(0, 5).join(' / ')}`);
}

export interface Attribution {
  /** The stack a diagnostic's file belongs to (undefined for the root's own files). */
  readonly stackOf: (filename: string) => string | undefined;
  /** The text Terraform read for a stack, to turn byte offsets into key paths. */
  readonly textOf: (stack: string) => string | undefined;
}

/**
 * Attributes each diagnostic to a stack. One that names no stack file (the
 * generated root, or none) is reported against every stack of the root, so a
 * root-level failure can never pass silently.
 */
export function attribute(output: ValidateOutput, stacks: readonly string[], { stackOf, textOf }: Attribution): StackDiagnostic[] {
  return output.diagnostics.flatMap((d): StackDiagnostic[] => {
    const stack = d.range ? stackOf(d.range.filename) : undefined;
    const base = { severity: d.severity, summary: d.summary, detail: d.detail ?? '' };
    if (stack === undefined) {
      const where = d.range ? `${d.range.filename}:${d.range.start.line}` : '(root)';
      return stacks.map((s) => ({ ...base, stack: s, address: where, path: [] }));
    }
    const text = textOf(stack);
    const path = text !== undefined && d.range ? jsonPathAtByte(text, d.range.start.byte) : [];
    const address = path.length > 0 ? addressOfPath(path) : (d.snippet?.context ?? '(stack)');
    return [{ ...base, stack, address, path, line: d.range?.start.line }];
  });
}
