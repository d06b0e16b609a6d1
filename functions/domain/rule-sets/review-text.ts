/**
 * The legal reviewer's tools as plain Swedish text, for a terminal (`npm run -s rules -- compare |
 * coverage | replay`): the same results the API gives and the page shows.
 */
import { outcomeLabels, statusLabels } from '../explain';
import type { CriterionStatus, ProposedOutcome } from '../proposal-schema';
import type { FieldChange, RuleSetComparison, RuleSetRef } from './compare';
import type { RuleSetCoverage } from './coverage';
import type { ReplayPair } from './replay';

const validity = (r: RuleSetRef) => `${r.validFrom} – ${r.validTo ?? 'tills vidare'}`;
/** The first line after `label`, the others under it. */
const labelled = (label: string, text: string) => text.split('\n').map((line, i) => (i === 0 ? label : ' '.repeat(label.length)) + line).join('\n');

function changeLines(change: FieldChange): string[] {
  const before = change.before ?? '(finns inte)';
  const after = change.after ?? '(finns inte)';
  if (!before.includes('\n') && !after.includes('\n') && before.length + after.length < 90) return [`      ${change.label}: ${before} → ${after}`];
  return [`      ${change.label}:`, labelled('         före:  ', before), labelled('         efter: ', after)];
}

export function describeComparison(c: RuleSetComparison): string {
  const out: string[] = [];
  out.push(`Jämförelse av ${c.subject.id} version ${c.subject.version} (gäller ${validity(c.subject)})`);
  out.push(`med ${c.base.id} version ${c.base.version} (gäller ${validity(c.base)})`);
  if (c.identical) return out.concat('', 'Regelverken säger samma sak: inget är tillagt, borttaget eller ändrat.').join('\n') + '\n';
  out.push('', 'Sammanfattning:', ...c.summary.map((line) => `   - ${line}`));
  for (const section of c.sections) {
    if (section.added.length + section.removed.length + section.changed.length === 0) continue;
    out.push('', section.title);
    for (const [items, word] of [
      [section.added, 'Tillagt'],
      [section.removed, 'Borttaget'],
      [section.changed, 'Ändrat'],
    ] as const) {
      for (const item of items) {
        out.push(`   ${word}: ${item.name}`);
        // Added and removed items list what they say; a changed one what differs.
        for (const change of item.changes) out.push(...changeLines(change));
      }
    }
  }
  return out.join('\n') + '\n';
}

const STATUS_COLUMNS: Array<[CriterionStatus, string]> = [
  ['MET', 'Uppfyllt'],
  ['NOT_MET', 'Inte uppfyllt'],
  ['MISSING', 'Uppgift saknas'],
];

export function describeCoverage(c: RuleSetCoverage): string {
  const out: string[] = [];
  out.push(`Testscenarier och täckning: ${c.ruleSet.title}`, `(${c.ruleSet.id} version ${c.ruleSet.version})`, '');
  if (c.scenarios) {
    out.push(`Scenarierna i regelverkets fil: ${c.scenarios.passed} av ${c.scenarios.total} gav väntat utfall.`);
    for (const r of c.scenarios.results) {
      out.push(`   ${r.passed ? 'ok ' : 'FEL'}  ${r.name}${r.outcomeLabel ? ` → ${r.outcomeLabel}` : ''}`);
      for (const f of r.failures) out.push(`         ${f}`);
    }
  } else {
    out.push('Regelverket har ingen scenariofil (scenarios.yaml).');
  }
  out.push('', `${c.counted} scenarier, från alla filer, fick sitt förslag av detta regelverk. Antal scenarier per kriterium och status:`, '');
  const width = Math.max(10, ...c.criteria.map((x) => x.title.length));
  out.push(`   ${'Kriterium'.padEnd(width)}  ${STATUS_COLUMNS.map(([, label]) => label.padStart(16)).join('')}`);
  for (const criterion of c.criteria) {
    const cells = STATUS_COLUMNS.map(([status]) => {
      const n = criterion.cells.find((x) => x.status === status)?.scenarios.length ?? 0;
      return (n === 0 ? '0 oprövat' : String(n)).padStart(16);
    });
    out.push(`   ${criterion.title.padEnd(width)}  ${cells.join('')}`);
  }
  out.push('', 'Utfall (antal scenarier):');
  for (const o of c.outcomes) out.push(`   ${o.label}: ${o.scenarios.length || '0, oprövat'}`);
  if (c.contradictions.length > 0) {
    out.push('', 'Motstridiga uppgifter (antal scenarier):');
    for (const x of c.contradictions) out.push(`   ${x.description}: ${x.scenarios.length || '0, oprövat'}`);
  }
  out.push('', c.untested.length === 0 ? 'Alla kriterier, statusar och utfall prövas av minst ett scenario.' : `Oprövat av alla scenarier (${c.untested.length}):`);
  for (const u of c.untested) out.push(`   - ${u.text}`);
  return out.join('\n') + '\n';
}

const statusText = (s: CriterionStatus | null) => (s === null ? 'finns inte i regelverket' : statusLabels[s]);
const outcomeText = (o: ProposedOutcome) => outcomeLabels[o];

export function describeReplay(
  header: { ruleSet: { id: string; version: number; title: string }; from: string; to: string; pages: number },
  pairs: ReplayPair[],
  options: { allReferences?: boolean } = {},
): string {
  const out: string[] = [];
  const total = pairs.reduce((sum, p) => sum + p.count, 0);
  const changedOutcome = pairs.filter((p) => p.from !== p.to).reduce((sum, p) => sum + p.count, 0);
  out.push(`Provkörning av ${header.ruleSet.id} version ${header.ruleSet.version} över beslut daterade ${header.from} – ${header.to}`);
  out.push(`Beslut: ${total} (lästa i ${header.pages} ${header.pages === 1 ? 'sida' : 'sidor'}), varav ${changedOutcome} med ett annat utfall.`);
  out.push('Besluten anges bara med referens: ärendenummer, beslutsdatum och beslutets id.');
  for (const pair of pairs) {
    out.push('', `${outcomeText(pair.from)} → ${outcomeText(pair.to)}: ${pair.count} beslut${pair.changed ? `, ${pair.changed} med ändring` : ''}`);
    for (const criterion of pair.criteria) {
      out.push(`   ${criterion.title}: ${criterion.transitions.map((t) => `${statusText(t.from)} → ${statusText(t.to)} (${t.count})`).join('; ')}`);
    }
    const shown = options.allReferences ? pair.decisions : pair.decisions.slice(0, 100);
    for (const d of shown) out.push(`      ${d.caseNumber ?? '(ärendenummer saknas)'}  ${d.decisionDate}  ${d.decisionId}  (${d.ruleSetId})`);
    if (shown.length < pair.decisions.length) out.push(`      … och ${pair.decisions.length - shown.length} till (--alla visar alla)`);
  }
  return out.join('\n') + '\n';
}
