/**
 * Validation problems as values: a field path a person can find, and a Swedish message a case
 * worker understands. The HTTP edge (functions/http/problems.ts) renders them as problem+json.
 */

export interface ValidationIssue {
  /** Dotted path to the field, e.g. `facts.assessedNeed.grounds`; empty for the whole document. */
  path: string;
  message: string;
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
  keys?: string[];
}

export function issuesFromZod(issues: readonly ZodLikeIssue[]): ValidationIssue[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      // One entry per unknown field, so each points at the field itself.
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: `Fältet '${key}' finns inte. Kontrollera stavningen.`,
      }));
    }
    return [{ path: base, message: issue.message }];
  });
}
