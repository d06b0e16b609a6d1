import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR, loadLetterTemplates } from '../../../functions/letters/load-templates';
import { KIND_FILES, LetterTemplateError, SHARED_FILE, buildLetterTemplates, fill } from '../../../functions/letters/templates';

const read = (file: string) => parse(readFileSync(`${DEFAULT_TEMPLATES_DIR}/${file}`, 'utf8'));
const documents = () => ({
  shared: read(SHARED_FILE),
  kinds: { GRANT: read(KIND_FILES.GRANT), REFUSE: read(KIND_FILES.REFUSE), PARTIAL: read(KIND_FILES.PARTIAL), REFER: read(KIND_FILES.REFER) },
});

function templateErrors(change: (d: ReturnType<typeof documents>) => void): string[] {
  const d = documents();
  change(d);
  try {
    buildLetterTemplates(d);
  } catch (error) {
    if (error instanceof LetterTemplateError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('letter templates', () => {
  it('in templates/ are valid, with a version number and a text per letter kind', () => {
    const templates = loadLetterTemplates();
    expect(templates.version).toBeGreaterThanOrEqual(1);
    expect(Object.keys(templates.kinds).sort()).toEqual(['GRANT', 'PARTIAL', 'REFER', 'REFUSE']);
    expect(templates.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reject an unknown placeholder and say where it is', () => {
    const errors = templateErrors((d) => {
      d.kinds.GRANT.decision = 'Du beviljas {{insatsNamn}}.';
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^grant\.yaml:decision: Platshållaren \{\{insatsNamn\}\} är okänd här/);
  });

  it('reject a placeholder used where its value does not exist (a period in a refusal, a page number in the body)', () => {
    const errors = templateErrors((d) => {
      d.kinds.REFUSE.decision = 'Ansökan för {{periodFrom}} avslås.';
      d.shared.text.contact = 'Sida {{page}}.';
    });
    expect(errors.sort()).toEqual([expect.stringMatching(/^refuse\.yaml:decision: .*\{\{periodFrom\}\}/), expect.stringMatching(/^shared\.yaml:text\.contact: .*\{\{page\}\}/)].sort());
  });

  it('reject a half-written placeholder that would be printed as it stands', () => {
    const errors = templateErrors((d) => {
      d.shared.appeal.LAGLIGHETSPROVNING[0] = 'Beslutet är fattat enligt {{legalBasis.';
    });
    expect(errors).toEqual([expect.stringMatching(/^shared\.yaml:appeal\.LAGLIGHETSPROVNING\.0: Texten innehåller \{\{ eller \}\}/)]);
  });

  it('reject a missing text, a missing version and XML characters in the metadata', () => {
    const errors = templateErrors((d) => {
      delete d.kinds.REFER.whereToTurn;
      delete d.shared.version;
      d.kinds.GRANT.subject = 'Beslut <beviljas> & klart';
    });
    expect(errors.map((e) => e.split(':')[0] + ':' + e.split(':')[1]).sort()).toEqual(['grant.yaml:subject', 'refer.yaml:whereToTurn', 'shared.yaml:version']);
  });
});

describe('fill', () => {
  it('replaces each placeholder once and never reads placeholders inside the values it inserts', () => {
    expect(fill('Hej {{applicantName}}, ärende {{caseNumber}}.', { applicantName: '{{caseNumber}}', caseNumber: 'AMN 2024/1' })).toBe('Hej {{caseNumber}}, ärende AMN 2024/1.');
  });

  it('throws rather than print a letter with a hole in it', () => {
    expect(() => fill('Hej {{applicantName}}', {})).toThrow(/applicantName/);
  });
});
