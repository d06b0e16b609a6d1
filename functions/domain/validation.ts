/**
 * Validation problems as values: a field path a person can find, and a Swedish message a case
 * worker understands. Rendered as problem+json (RFC 9457) at every boundary.
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

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<ValidationIssue & { pointer: string }>;
  [extension: string]: unknown;
}

const toPointer = (path: string) =>
  path === '' ? '' : `/${path.split('.').map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export function validationProblem(issues: ValidationIssue[], detail = 'Uppgifterna kunde inte tas emot. Rätta fälten nedan och försök igen.'): ProblemDocument {
  return {
    type: '/problems/validation',
    title: 'Ogiltiga uppgifter',
    status: 400,
    detail,
    errors: issues.map((issue) => ({ ...issue, pointer: toPointer(issue.path) })),
  };
}
