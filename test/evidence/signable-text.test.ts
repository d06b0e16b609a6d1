/**
 * Free text that can never be signed (issue #14.3). Written grounds with a bidi override, a
 * zero-width or control character, a character the letter's font lacks or a flood of combining
 * marks were stored at propose, and signing then answered 400: the case was stuck. Every boundary
 * where free text enters now holds it to what a letter can print, and a property over random text
 * shows the promise that matters: whatever text a proposal is accepted with, it can be signed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type E2eResponse, useE2eServer } from '../support/e2e';
import { proposeBody } from '../support/lifecycle';
import { personnummer } from '../support/identity';
import { LETTER_REPERTOIRE } from '../../functions/domain/text';
import { FUZZ_RUNS } from './fuzz';
import { evidenceCounter } from './record';

const api = useE2eServer();

const evidence = evidenceCounter('#14.3 text accepted at propose can be signed');
afterAll(() => evidence.record());

/** 50 proposals signed in npm test; `npm run fuzz` (10,000 fuzz cases) makes it 250. */
const SIGN_RUNS = Math.max(50, Math.round(FUZZ_RUNS / 40));

/** Sets `value` at a dotted path of a copy of `body`. */
function withText(body: unknown, path: string, value: string): Record<string, any> {
  const copy = structuredClone(body) as Record<string, any>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {});
  target[keys.at(-1) as string] = value;
  return copy;
}

const problemPaths = (response: E2eResponse) => (response.json().errors ?? []).map((e: { path: string }) => e.path) as string[];

/** The texts the attack used, each inside otherwise ordinary Swedish. */
const HOSTILE: Array<[string, string]> = [
  ['a right-to-left override', 'Söker arbete\u202E.tebra'],
  ['a zero-width space', 'Söker\u200Barbete'],
  ['a control character', 'Söker arbete\u0007'],
  ['a flood of combining marks', 'Söker Z\u0301\u0323\u0300\u0301 arbete'],
  ['a character the letter font lacks', 'Söker arbete 😀'],
  // A decomposed ä (a + ¨) is composed where the request enters and accepted (below); a mark that
  // composes with no letter into one the font has stays, and is refused.
  ['a combining mark the font cannot draw, on a letter it composes with into none', 'Söker arbete q\u0308 la\u0307ger'],
];

/** Every field where free text enters, with a valid body around it. */
interface Boundary {
  what: string;
  method: 'POST';
  path: () => string;
  as: Caller;
  body: () => unknown;
  field: string;
}

const ids = { proposed: '', signed: '', ruleSet: 'jobbtorg-sis-sol2001', otherProposed: '' };
const referral = () => ({
  applicant: { name: 'Nora Ekström', personnummer: personnummer('2003-02-11'), address: { lines: ['Ringvägen 4'], postalCode: '118 60', city: 'Stockholm' } },
  consent: { given: true, recordedOn: '2024-08-19', method: 'WRITTEN', recordedBy: 'Sami Lindgren' },
  note: 'Vill ha hjälp att hitta en utbildning.',
});
/** A young woman with a weak position on the labour market: a grant, with all three written texts. */
let people = 0;
const womanBody = (overrides: { name?: string; birthDate?: string; serial?: string } = {}) => {
  const body = proposeBody({ ...overrides, facts: { woman: true, weakLabourMarketPosition: { weak: true, grounds: 'Har bara haft korta vikariat.' } } });
  body.facts.apparentEntitlementNeed = { present: false, description: 'Har egen inkomst av vikariat.' } as typeof body.facts.apparentEntitlementNeed;
  return body;
};
const propose = (field: string): Boundary => ({ what: 'propose', method: 'POST', path: () => '/v1/decisions', as: 'handlaggare', body: () => womanBody(), field });
const reconsider = (field: string): Boundary => ({
  what: 'reconsider',
  method: 'POST',
  path: () => `/v1/decisions/${ids.signed}/reconsiderations`,
  as: 'beslutsfattare',
  body: () => ({ reason: 'Har börjat studera.', facts: proposeBody().facts, decisionDate: api.today }),
  field,
});
const BOUNDARIES: Boundary[] = [
  propose('applicant.name'),
  propose('applicant.address.lines.0'),
  propose('applicant.address.city'),
  propose('facts.assessedNeed.grounds'),
  propose('facts.weakLabourMarketPosition.grounds'),
  propose('facts.apparentEntitlementNeed.description'),
  { ...propose('correctionReason'), body: () => ({ ...proposeBody(), caseId: ids.otherProposed }) },
  { what: 'sign', method: 'POST', path: () => `/v1/decisions/${ids.proposed}/sign`, as: 'beslutsfattare', body: () => ({ finalOutcome: 'REFUSE' }), field: 'deviationReason' },
  reconsider('reason'),
  reconsider('facts.assessedNeed.grounds'),
  { what: 'withdraw', method: 'POST', path: () => `/v1/decisions/${ids.proposed}/withdraw`, as: 'handlaggare', body: () => ({}), field: 'reason' },
  { what: 'follow-up', method: 'POST', path: () => `/v1/decisions/${ids.signed}/follow-ups/01`, as: 'handlaggare', body: () => ({}), field: 'note' },
  { what: 'ending', method: 'POST', path: () => `/v1/decisions/${ids.signed}/ending`, as: 'handlaggare', body: () => ({ reason: 'WORK', endedOn: api.today }), field: 'note' },
  ...['applicant.name', 'applicant.address.lines.0', 'consent.recordedBy', 'note'].map(
    (field): Boundary => ({ what: 'referral', method: 'POST', path: () => '/v1/referrals', as: 'uppsok', body: referral, field }),
  ),
  { what: 'rule-set approval', method: 'POST', path: () => `/v1/rule-sets/${ids.ruleSet}/approvals`, as: 'jurist', body: () => ({ sha256: '0'.repeat(64) }), field: 'note' },
];

beforeAll(async () => {
  const proposed = await api.post('/v1/decisions', proposeBody({ name: 'Alva Lindgren', birthDate: '2000-10-03' }), 'handlaggare');
  const other = await api.post('/v1/decisions', proposeBody({ name: 'Edvin Sjöholm', birthDate: '1999-04-22' }), 'handlaggare');
  const signed = await api.post('/v1/decisions', proposeBody({ name: 'Signe Åberg', birthDate: '2001-01-30' }), 'handlaggare');
  for (const r of [proposed, other, signed]) expect(r.status, r.text).toBe(201);
  ids.proposed = proposed.json().id;
  ids.otherProposed = other.json().caseId;
  ids.signed = signed.json().id;
  const signing = await api.post(`/v1/decisions/${ids.signed}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
  expect(signing.status, signing.text).toBe(200);
});

describe('free text at every boundary', () => {
  const cases = BOUNDARIES.flatMap((b) => HOSTILE.map(([kind, text]) => [`${b.what}: ${b.field}`, kind, b, text] as const));

  it.each(cases)('%s with %s is refused with 400 naming the field, and nothing is stored', async (_where, _kind, boundary, text) => {
    evidence.case();
    const before = await api.scan();

    const response = await api.post(boundary.path(), withText(boundary.body(), boundary.field, text), boundary.as);

    expect(response.status, response.text.slice(0, 400)).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const errors = response.json().errors as Array<{ path: string; message: string }>;
    expect(errors.map((e) => e.path)).toEqual([boundary.field]);
    // The text rule's message, or the field's own (a name in Latin letters) where that comes first.
    expect(errors[0]?.message).toMatch(/^(Texten|Tecknet|Skriv .* med latinska bokstäver)/);
    expect((await api.scan()).length).toBe(before.length);
    evidence.passed();
  });
});

/** Random text: mostly what a letter can print (any character of its repertoire), now and then the attack's characters or any code point at all. */
const swedish = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöÅÄÖé ,.-–”…\n'.split(''));
const fromRepertoire = fc
  .constantFrom(...LETTER_REPERTOIRE)
  .chain(([from, to]) => fc.integer({ min: from, max: to }))
  .map((cp) => String.fromCodePoint(cp));
const suspicious = fc.constantFrom(
  '\u0301', '\u0323', '\u0308', '\u202E', '\u200B', '\u200D', '\u0007', '\r', '\t', '\u00AD', '\uFEFF', '\u2028', '\uE000',
  '😀', 'א', 'ع', '中', 'ﬁ', 'ẞ', 'Ș', 'Ω', 'ж', '\u0301\u0301\u0301',
);
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const cleanText = (maxLength: number) => fc.string({ unit: fc.oneof({ weight: 6, arbitrary: swedish }, { weight: 1, arbitrary: fromRepertoire }), minLength: 1, maxLength });
const mixedText = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ weight: 8, arbitrary: swedish }, { weight: 2, arbitrary: fromRepertoire }, { weight: 1, arbitrary: suspicious }, { weight: 1, arbitrary: anyCodePoint }), minLength: 1, maxLength });
/** Clean most of the time, so that many proposals are accepted and go on to be signed. */
const freeText = (maxLength: number) => fc.oneof({ weight: 2, arbitrary: cleanText(maxLength) }, { weight: 1, arbitrary: mixedText(maxLength) });
const oneLine = (maxLength: number) => freeText(maxLength).map((s) => s.replace(/\n/g, ' '));
const name = fc
  .string({ unit: fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...'AaÅåÄäÖöÉéŁłŞşẞ -'.split('')) }, { weight: 1, arbitrary: suspicious }), minLength: 1, maxLength: 40 })
  .map((s) => `Å${s}`);

const TEXT_FIELDS = [
  'applicant.name',
  'applicant.address.lines.0',
  'applicant.address.city',
  'facts.assessedNeed.grounds',
  'facts.weakLabourMarketPosition.grounds',
  'facts.apparentEntitlementNeed.description',
] as const;

describe('text accepted at propose', () => {
  it(`can always be signed: ${SIGN_RUNS} proposals with random text, each accepted one signed`, async () => {
    evidence.case();
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          'applicant.name': name,
          'applicant.address.lines.0': oneLine(60),
          'applicant.address.city': oneLine(40),
          'facts.assessedNeed.grounds': freeText(400),
          'facts.weakLabourMarketPosition.grounds': freeText(400),
          'facts.apparentEntitlementNeed.description': freeText(200),
          deviationReason: freeText(200),
        }),
        async (texts) => {
          // A person of their own each run: one person has one case, and a random name is another name.
          const n = people++;
          let body: unknown = womanBody({ birthDate: `2002-06-${String(11 + (Math.floor(n / 900) % 17)).padStart(2, '0')}`, serial: String(100 + (n % 900)) });
          for (const field of TEXT_FIELDS) body = withText(body, field, texts[field]);

          const proposed = await api.post('/v1/decisions', body, 'handlaggare');

          if (proposed.status === 400) {
            refused++;
            // Refused for the text, and only for a field that holds it.
            for (const path of problemPaths(proposed)) expect(TEXT_FIELDS as readonly string[]).toContain(path);
            return;
          }
          expect(proposed.status, proposed.text.slice(0, 400)).toBe(201);
          expect(proposed.json().proposal.outcome).toBe('GRANT');
          accepted++;
          const id = proposed.json().id as string;
          // A delegate who deviates writes a reason; text refused there is refused at once, the case is not stuck.
          const deviating = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'REFUSE', deviationReason: texts.deviationReason }, 'beslutsfattare');
          if (deviating.status === 400) {
            expect(problemPaths(deviating)).toEqual(['deviationReason']);
            const signed = await api.post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
            expect(signed.status, signed.text.slice(0, 600)).toBe(200);
          } else {
            expect(deviating.status, deviating.text.slice(0, 600)).toBe(200);
          }
        },
      ),
      { numRuns: SIGN_RUNS },
    );
    evidence.figure('proposals accepted and signed', accepted);
    evidence.figure('proposals refused for their text', refused);
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    evidence.passed();
  }, 600_000);

  it('signs and prints grounds in the languages and marks a letter can print', async () => {
    evidence.case();
    const grounds = 'Ελένη och Nguyễn Thị Ánh (Lê Thi\u0323\u0301) har sökt stöd – ”fördjupat”; 100 € ≤ 6 mån…';
    const body = withText(proposeBody({ name: 'Zoë Brontë-Ørsted', birthDate: '1998-09-09' }), 'facts.assessedNeed.grounds', grounds);

    const proposed = await api.post('/v1/decisions', body, 'handlaggare');
    expect(proposed.status, proposed.text.slice(0, 400)).toBe(201);
    const signed = await api.post(`/v1/decisions/${proposed.json().id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');

    expect(signed.status, signed.text.slice(0, 600)).toBe(200);
    evidence.passed();
  });

  it('composes a letter typed as a base letter and a combining mark (a + ¨, as macOS and PDFs give it): accepted, stored and signed as the single letter', async () => {
    evidence.case();
    const decomposed = { name: 'Sa\u0308ra O\u0308berg', grounds: 'Vill bo\u0308rja arbeta pa\u030a la\u0308ger.' };
    const body = withText(proposeBody({ name: decomposed.name, birthDate: '1997-12-01' }), 'facts.assessedNeed.grounds', decomposed.grounds);

    const proposed = await api.post('/v1/decisions', body, 'handlaggare');
    expect(proposed.status, proposed.text.slice(0, 400)).toBe(201);
    const stored = await api.get(`/v1/decisions/${proposed.json().id}`, 'handlaggare');
    expect(stored.json().applicant.name).toBe('S\u00e4ra \u00d6berg');
    expect(stored.json().facts.assessedNeed.grounds).toBe('Vill b\u00f6rja arbeta p\u00e5 l\u00e4ger.');
    const signed = await api.post(`/v1/decisions/${proposed.json().id}/sign`, { finalOutcome: 'GRANT' }, 'beslutsfattare');
    expect(signed.status, signed.text.slice(0, 600)).toBe(200);
    evidence.passed();
  });
});
