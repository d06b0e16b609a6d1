import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { considerationOfRightOf, legalBasisOf, parseSignedDecision, type SignedDecision } from '../../../functions/domain/signed-decision-schema';
import { letterValues } from '../../../functions/letters/layout';
import { fill } from '../../../functions/letters/templates';
import { defaultLetterTemplates } from '../../../functions/letters/load-templates';
import { renderPdf } from '../../../functions/letters/pdf';
import type { RenderedLetter } from '../../../functions/letters/render-letter';
import { SAMPLE_KINDS, type SampleKind } from '../../../functions/letters/samples';
import { renderLetter } from '../../../functions/letters/render-letter';
import { catalog, decisionOn, forvaltningsbesvarDecision, refusalByForvaltningsbesvarCatalog, reproposed, sampleInput } from '../../fixtures/letters/decisions';
import { type ReadLetter, readLetter } from './pdf-reader';
import { expectContains, expectLacks, render, squash } from './support';
import { domainProblem } from '../../../functions/http/problems';

const templates = defaultLetterTemplates();

/** What only a laglighetsprövning text says, and what only a förvaltningsbesvär text says. */
const LAGLIGHETSPROVNING = ['laglighetsprövning', '13 kap. kommunallagen (2017:725)', 'Förvaltningsrätten i Stockholm', 'tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet', 'inte överklagas på vanligt sätt genom förvaltningsbesvär'];
const FORVALTNINGSBESVAR = ['Du kan överklaga beslutet till förvaltningsrätten', 'från den dag du fick del av beslutet', 'överklagande till Arbetsmarknadsnämnden', '44 § förvaltningslagen (2017:900)'];
/** The mistake that must never be made for a 4 kap. 2 § decision: a deadline from receipt, lodged with the board. */
const RECEIPT_DEADLINE = ['från den dag du fick del av beslutet', 'från den dag du fick beslutet', 'till Arbetsmarknadsnämnden'];

interface Rendered {
  decision: SignedDecision;
  letter: RenderedLetter;
  read: ReadLetter;
}

const rendered = {} as Record<SampleKind, Rendered>;

beforeAll(async () => {
  for (const kind of SAMPLE_KINDS) {
    const input = await sampleInput(kind);
    const parsed = parseSignedDecision(input);
    if (!parsed.ok) throw new Error(JSON.stringify(domainProblem(parsed.error)));
    const letter = await render(input);
    rendered[kind] = { decision: parsed.decision, letter, read: await readLetter(letter.pdf) };
  }
});

describe('every decision letter', () => {
  it.each(SAMPLE_KINDS)('%s: names the board, the unit with its address and contact details, the case, the date and the applicant', (kind) => {
    const { decision, read } = rendered[kind];
    const { sender } = templates.shared;
    expectContains(read.pages[0] as string, [
      'Arbetsmarknadsnämnden',
      'Stockholms stad',
      sender.unit,
      ...sender.postalAddress.slice(1),
      sender.phone,
      sender.email,
      decision.caseNumber,
      decision.decisionDate,
      decision.applicant.name,
      decision.applicant.personnummer,
      ...decision.applicant.address.lines,
      `${decision.applicant.address.postalCode} ${decision.applicant.address.city}`,
    ]);
  });

  it.each(SAMPLE_KINDS)('%s: gives the legal basis of the outcome signed, the record that 4 kap. 1 § was tried, the named delegate and the contact person', (kind) => {
    const { decision, read } = rendered[kind];
    const basis = legalBasisOf(decision).decision;
    expectContains(read.text, [
      ...basis.lagrum.map((c) => c.text),
      'Prövning enligt 4 kap. 1 § SoL',
      considerationOfRightOf(decision),
      decision.decisionMaker.name,
      decision.decisionMaker.title,
      `punkt ${decision.decisionMaker.delegationReference} i nämndens delegationsordning`,
      decision.contact.name,
      decision.contact.phone,
      decision.contact.email,
    ]);
    expect(basis.lagrum.length).toBeGreaterThan(0);
  });

  it.each(SAMPLE_KINDS)('%s: says the person may ask for reconsideration and may apply again', (kind) => {
    expectContains(rendered[kind].read.text, ['be oss ompröva ärendet', 'Du kan också ansöka igen']);
  });

  it.each(SAMPLE_KINDS)('%s: keeps the closing paragraphs on the same page as the appeal paragraph before them', (kind) => {
    const { decision, read } = rendered[kind];
    const route = legalBasisOf(decision).appeal.appealRoute;
    const lastAppeal = fill(templates.shared.appeal[route].at(-1) as string, letterValues(decision, templates));
    const closing = templates.shared.reconsideration.at(-1) as string;
    const page = read.pages.find((p) => squash(p).includes(squash(closing)));
    expect(page, 'a page with the closing paragraph').toBeDefined();
    expect(squash(page as string)).toContain(squash(lastAppeal));
  });

  it.each(SAMPLE_KINDS)('%s: ties every page to the rule set, the inputs and the template version by hashes shortened to 12 characters', (kind) => {
    const { decision, read } = rendered[kind];
    const { ruleSet, inputSha256 } = decision.proposal;
    for (const [i, page] of read.pages.entries()) {
      expectContains(page, [
        `Sida ${i + 1} av ${read.pages.length}`,
        `Regelverk ${ruleSet.id} version ${ruleSet.version} (sha256 ${ruleSet.sha256.slice(0, 12)}…)`,
        `Indata (sha256 ${inputSha256.slice(0, 12)}…)`,
        `Brevmall version ${templates.version}`,
        'De fullständiga kontrollsummorna finns i beslutsposten',
      ]);
    }
    // Neither full hash, nor any 13 characters of one, is printed: the full values are in the record.
    expectLacks(read.text, [ruleSet.sha256.slice(0, 13), inputSha256.slice(0, 13)]);
    expect(squash(read.text)).not.toMatch(/[0-9a-f]{64}/);
  });

  it.each(SAMPLE_KINDS)('%s: carries the full hashes the footer shortens in the embedded decision record', (kind) => {
    const { decision, read } = rendered[kind];
    const record = JSON.parse(new TextDecoder().decode(read.attachments['beslutspost.json']?.content));
    expect(record.proposal.ruleSet.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.proposal.ruleSet.sha256).toBe(decision.proposal.ruleSet.sha256);
    expect(record.proposal.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.proposal.inputSha256).toBe(decision.proposal.inputSha256);
    expectContains(read.text, [record.proposal.ruleSet.sha256.slice(0, 12), record.proposal.inputSha256.slice(0, 12)]);
  });

  it.each(SAMPLE_KINDS)('%s: prints Swedish letters so that they extract as written', (kind) => {
    const { decision, read } = rendered[kind];
    expect(decision.applicant.name).toMatch(/[åäöÅÄÖé]/);
    expectContains(read.text, ['Arbetsmarknadsnämnden', 'Sökande', decision.applicant.name, 'stadsdelsförvaltningen', '4 kap. 1 § SoL']);
  });
});

/** The criteria a letter gives as its reasons, each under a heading of its own. */
function criteriaUnderHeadings(decision: SignedDecision) {
  const { criteria, referralTriggers } = decision.proposal;
  switch (decision.finalOutcome) {
    case 'REFUSE':
      return criteria.filter((c) => c.status === 'NOT_MET');
    case 'REFER':
      return criteria.filter((c) => referralTriggers.includes(c.id));
    default:
      return criteria;
  }
}

describe('the headings under the reasons', () => {
  it.each(SAMPLE_KINDS)('%s: name each criterion by its topic, directly above its reason', (kind) => {
    const { decision, read } = rendered[kind];
    const criteria = criteriaUnderHeadings(decision);
    expect(criteria.length).toBeGreaterThan(0);
    for (const criterion of criteria) {
      expect(criterion.topic, criterion.id).toBeTruthy();
      expectContains(read.text, [`${criterion.topic} ${criterion.reason}`]);
    }
  });

  it('in a referral never state a condition the text below says is not met', () => {
    const { read } = rendered.refer;
    expectContains(read.text, [
      'Försörjningsstöd Du får försörjningsstöd från stadsdelsförvaltningen.',
      'Kontakt med socialtjänsten Du har kontakt med eller en pågående insats',
      'Behov som prövas av stadsdelsförvaltningen Det har kommit fram att du kan ha behov',
    ]);
    expectLacks(read.text, ['Får inte försörjningsstöd', 'Ingen kontakt eller insats hos socialtjänsten', 'Inget behov som prövas enligt']);
  });

  it('in a grant and a refusal name the topic, not the condition', () => {
    expectContains(rendered.grant.read.text, ['Uppsökande arbete Du har kommit i kontakt med Jobbtorg', 'Målgrupp Du tillhör målgruppen unga 19–29 år', 'Behov av fördjupat stöd Vi bedömer att du behöver']);
    expectContains(rendered.refuse.read.text, ['Målgrupp Du tillhör inte någon av målgrupperna', 'Behov av fördjupat stöd Vi bedömer att du kan få det stöd']);
    expectLacks(rendered.refuse.read.text, ['Tillhör en av målgrupperna Du tillhör inte', 'Behöver fördjupat individuellt stöd Vi bedömer att du kan få']);
  });

  it('fall back to the criterion title for a proposal made before rule sets had topics', async () => {
    const input = await sampleInput('grant');
    for (const criterion of input.proposal.criteria) delete criterion.topic;
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, ['Tillhör en av målgrupperna Du tillhör målgruppen']);
  });
});

describe('the grant letter', () => {
  it('says the insats is granted, for which period, on which facts, and when it is followed up', () => {
    const { decision, read } = rendered.grant;
    const period = decision.proposal.period;
    expect(period).not.toBeNull();
    expectContains(read.text, ['Du beviljas bistånd', `från och med ${period?.granted.from} till och med ${period?.granted.to}`]);
    for (const criterion of decision.proposal.criteria) {
      expectContains(read.text, [criterion.topic as string, criterion.reason]);
    }
    for (const milestone of decision.proposal.followUp) expectContains(read.text, [milestone.due]);
    expect(decision.proposal.followUp.map((m) => m.kind)).toEqual(expect.arrayContaining(['FIRST_JOB_PLAN', 'DEEPER_PLAN', 'FINAL_FOLLOW_UP']));
  });

  it('gives laglighetsprövning for a 4 kap. 2 § basis and never tells the person to appeal to the board within three weeks of receipt', () => {
    const { decision, read } = rendered.grant;
    expect(decision.proposal.legalBasis?.appealRoute).toBe('LAGLIGHETSPROVNING');
    expectContains(read.text, LAGLIGHETSPROVNING);
    expectLacks(read.text, [...FORVALTNINGSBESVAR, ...RECEIPT_DEADLINE]);
  });
});

describe('the refusal letter', () => {
  it('gives every unmet criterion as the reason, and lists what is met', () => {
    const { decision, read } = rendered.refuse;
    const unmet = decision.proposal.criteria.filter((c) => c.status === 'NOT_MET');
    expect(unmet.length).toBeGreaterThanOrEqual(2);
    expectContains(read.text, ['ansökan', 'avslås']);
    for (const criterion of unmet) {
      expectContains(read.text, [criterion.topic as string, criterion.reason]);
    }
    // Listed as conditions the person meets, where the title phrased as the condition reads true.
    for (const criterion of decision.proposal.criteria.filter((c) => c.status === 'MET')) expectContains(read.text, [criterion.title]);
  });

  it('has laglighetsprövning information and no follow-up or period', () => {
    const { read } = rendered.refuse;
    expectContains(read.text, LAGLIGHETSPROVNING);
    expectLacks(read.text, [...FORVALTNINGSBESVAR, ...RECEIPT_DEADLINE, 'Uppföljning', 'Insats och period']);
  });
});

describe('the partial letter', () => {
  it('states the granted and the requested period, why the rest is refused, and gives the refusal its appeal information', () => {
    const { decision, read } = rendered.partial;
    const period = decision.proposal.period;
    expect(period?.capped).toBe(true);
    expectContains(read.text, [
      'Din ansökan beviljas delvis',
      `från och med ${decision.grantedPeriod?.from} till och med ${decision.grantedPeriod?.to}`,
      `från och med ${period?.requested.from} till och med ${period?.requested.to}`,
      'För den övriga tiden avslås din ansökan',
      'Insatsen kan beviljas för högst 12 månader',
      'Det här gäller den del av beslutet som avslår din ansökan',
      ...LAGLIGHETSPROVNING,
    ]);
    expectLacks(read.text, [...FORVALTNINGSBESVAR, ...RECEIPT_DEADLINE]);
  });
});

describe('the referral letter', () => {
  it('says where to turn, why, and that information was passed on because consent is recorded', () => {
    const { decision, read } = rendered.refer;
    expect(decision.proposal.referral?.informationMayBeShared).toBe(true);
    expectContains(read.text, ['Besked om hänvisning', 'socialtjänsten på stadsdelsförvaltningen', 'Vart vänder du dig?', 'Du har samtyckt till att vi lämnar uppgifter', '26 kap. 1 § offentlighets- och sekretesslagen (2009:400)']);
    for (const id of decision.proposal.referralTriggers) {
      const criterion = decision.proposal.criteria.find((c) => c.id === id);
      expectContains(read.text, [criterion?.reason ?? id]);
    }
    expectLacks(read.text, ['Du behöver själv kontakta', ...LAGLIGHETSPROVNING, ...FORVALTNINGSBESVAR, 'Beslutsfattare']);
  });

  it('says that the person may still have the application decided, and that a decision, unlike the referral, can be tried in court', () => {
    const { decision, read } = rendered.refer;
    expectContains(read.text, [
      `Om du ändå vill att Jobbtorg fattar ett beslut om din ansökan kan du säga det till din kontaktperson ${decision.contact.name}.`,
      'Om det som står under skälen ovan fortfarande gäller blir beslutet att din ansökan avslås.',
      'Till skillnad från det här beskedet kan ett beslut prövas av förvaltningsrätten',
    ]);
  });

  it('tells the person to contact the district office themselves when no consent is recorded', async () => {
    const input = await sampleInput('refer');
    input.proposal.referral = { ...input.proposal.referral, consentToShare: null, informationMayBeShared: false };
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, ['Vi har därför inte lämnat några uppgifter om dig', 'Du behöver själv kontakta stadsdelsförvaltningen']);
    expectLacks(read.text, ['Du har samtyckt']);
  });
});

describe('a referral the person asked to have decided, signed as a refusal', () => {
  it('rests on the refusal\'s provisions and gives laglighetsprövning, not the referral\'s basis or its "cannot be appealed"', () => {
    const { decision, read } = rendered['refer-refused'];
    expect(decision.proposal.outcome).toBe('REFER');
    expect(decision.finalOutcome).toBe('REFUSE');
    const refusal = decision.proposal.legalBases?.REFUSE;
    expect(refusal?.appealRoute).toBe('LAGLIGHETSPROVNING');
    expectContains(read.text, ['Beslut om bistånd', 'avslås', `Beslutet är fattat med stöd av ${refusal?.lagrum.map((c) => c.text).join(' och ')}.`, ...LAGLIGHETSPROVNING]);
    expectLacks(read.text, ['Besked om hänvisning', 'Beskedet grundar sig på', 'Därför går det inte att överklaga', 'Vart vänder du dig?', ...FORVALTNINGSBESVAR, ...RECEIPT_DEADLINE]);
  });

  it('gives the refusal\'s record that 4 kap. 1 § was tried, not the referral\'s', () => {
    const { decision, read } = rendered['refer-refused'];
    const texts = decision.proposal.considerationOfRight.reasonByOutcome;
    expectContains(read.text, [texts?.REFUSE as string]);
    expectLacks(read.text, [texts?.REFER as string]);
  });

  it('does not say that no need under the right has come forward, which the referral said there might be', () => {
    const { read } = rendered['refer-refused'];
    expectContains(read.text, ['Du har begärt att Jobbtorg ändå beslutar om din ansökan om särskild individanpassad stödinsats.']);
    expectLacks(read.text, ['Det har inte kommit fram att du har ett sådant behov']);
  });

  it('gives the criteria that referred it as the reasons, and says the person asked for the decision, in the delegate\'s words', () => {
    const { decision, read } = rendered['refer-refused'];
    const trigger = decision.proposal.criteria.find((c) => c.id === 'NO_SOCIAL_SERVICES_CONTACT');
    expect(trigger?.status).toBe('NOT_MET');
    expectContains(read.text, [
      `Kontakt med socialtjänsten ${trigger?.reason}`,
      'Du har begärt ett beslut',
      'Du har bett oss att i stället fatta ett beslut om din ansökan, och därför har vi prövat den.',
      decision.deviationReason as string,
    ]);
    // The person never saw a proposal; the general text on deviating from one is not for them.
    expectLacks(read.text, ['Beslutsfattarens bedömning', 'Beslutet skiljer sig från det förslag']);
  });
});

describe('a basis the rule set marks as appealable by förvaltningsbesvär', () => {
  it.each(['GRANT', 'REFUSE'] as const)('%s: gives FL 44 § appeal information (three weeks from receipt, lodged with the board) and no laglighetsprövning', async (outcome) => {
    const input = await forvaltningsbesvarDecision(outcome);
    expect((input.proposal as { legalBasis: { appealRoute: string } }).legalBasis.appealRoute).toBe('FORVALTNINGSBESVAR');
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, [...FORVALTNINGSBESVAR, '16 kap. 3 § socialtjänstlagen (2001:453)', '4 kap. 1 § socialtjänstlagen (2001:453)']);
    expectLacks(read.text, ['laglighetsprövning', 'anslagstavla', 'Förvaltningsrätten i Stockholm', 'inte överklagas']);
  });
});

describe('the facts printed under a criterion (FL 32 §: the decisive facts)', () => {
  const FACTS = 'Det här har vi utgått från:';

  it('for a young adult\'s grant are her age, work and studies, and not that she is a woman without a weak position', () => {
    const { read } = rendered.grant;
    expectContains(read.text, [`${FACTS} ålder på beslutsdagen: 23 år; arbetar: nej; studerar: nej.`]);
    expectLacks(read.text, ['kvinna: ja', 'svag ställning på arbetsmarknaden: nej']);
  });

  it('for a woman granted for her weak position are those two facts, and not her age, work or studies', () => {
    const { read } = rendered.partial;
    expectContains(read.text, [`${FACTS} kvinna: ja; svag ställning på arbetsmarknaden: ja.`]);
    expectLacks(read.text, ['ålder på beslutsdagen', 'arbetar: nej', 'studerar: nej']);
  });

  it('for a refusal outside the target groups are what ruled each group out: the age and not being a woman', () => {
    const { read } = rendered.refuse;
    expectContains(read.text, [`${FACTS} ålder på beslutsdagen: 34 år; kvinna: nej.`]);
    expectLacks(read.text, ['arbetar: nej', 'studerar: nej']);
  });

  it('for each referral trigger are the fact it turned on', () => {
    expectContains(rendered.refer.read.text, [`${FACTS} får försörjningsstöd: ja.`]);
  });
});

describe('the case worker\'s written grounds (FL 32 §: the decisive facts)', () => {
  const LEAD_IN = 'Vår bedömning grundar sig på:';
  /** The text from a criterion's title up to the next criterion's title (or the end of the reasons). */
  const under = (read: ReadLetter, title: string, next: string) => {
    const text = read.text.replace(/\s+/g, ' ');
    const from = text.indexOf(title);
    return text.slice(from, text.indexOf(next, from + title.length));
  };

  it('prints the need assessment under the need criterion and, where the women\'s alternative applied, the weak position under the target group', () => {
    const { decision, read } = rendered.partial;
    const facts = decision.facts;
    expect(facts?.assessedNeed?.grounds).toBeTruthy();
    expect(facts?.weakLabourMarketPosition?.grounds).toBeTruthy();
    expectContains(under(read, 'Målgrupp Du tillhör', 'Försörjningsstöd Du får inte'), [LEAD_IN, facts?.weakLabourMarketPosition?.grounds as string]);
    expectContains(under(read, 'Behov av fördjupat stöd', 'Insatsen kan beviljas för högst'), [LEAD_IN, facts?.assessedNeed?.grounds as string]);
  });

  it('leaves out the weak-position grounds when the person belongs to the target group as a young adult', () => {
    const { decision, read } = rendered.grant;
    expectContains(read.text, [LEAD_IN, decision.facts?.assessedNeed?.grounds as string]);
    expectLacks(read.text, [decision.facts?.weakLabourMarketPosition?.grounds as string]);
  });

  it('prints the need assessment a refusal rests on, and the description of a 4 kap. 1 § need a referral rests on', () => {
    expectContains(rendered.refuse.read.text, [LEAD_IN, rendered.refuse.decision.facts?.assessedNeed?.grounds as string]);
    expectContains(rendered.refer.read.text, [LEAD_IN, rendered.refer.decision.facts?.apparentEntitlementNeed?.description as string]);
  });

  it('still renders a letter for a decision that carries no facts, without the grounds', async () => {
    const { facts, ...input } = await sampleInput('partial');
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, ['Din ansökan beviljas delvis', 'Behov av fördjupat stöd']);
    expectLacks(read.text, [LEAD_IN, facts.assessedNeed.grounds]);
  });

  it('rejects facts other than those the proposal was made on', async () => {
    const input = await sampleInput('grant');
    input.facts.assessedNeed.grounds = 'En annan bedömning än den förslaget bygger på.';
    const result = await renderLetter(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(domainProblem(result.error).errors?.map((e) => e.path)).toEqual(['facts']);
  });

  it('prints long grounds with line breaks in full, across a page break if need be', async () => {
    const input = await sampleInput('refuse');
    const paragraphs = Array.from({ length: 10 }, (_, i) => `Stycke ${i + 1}: ${'Har arbetat på lager och i butik, och söker nu arbete inom vården. '.repeat(5).trim()}`);
    input.facts.assessedNeed.grounds = paragraphs.join('\n');
    input.proposal = await reproposed(input);
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, paragraphs);
  });
});

describe('the record that 4 kap. 1 § was tried first', () => {
  it('is written for the outcome decided: a proposed grant refused by the delegate does not say the insats is granted', async () => {
    const input = await decisionOn(catalog, '2000-03-09', 'REFUSE', { deviationReason: 'Personen har fått en anställning och behöver inte insatsen.' });
    expect(input.proposal.outcome).toBe('GRANT');
    const text = squash((await readLetter((await render(input)).pdf)).text);
    expect(text).toContain(squash('Ansökan om särskild individanpassad stödinsats har därför prövats enligt 4 kap. 2 § SoL.'));
    expect(text).not.toContain(squash('Därför beviljas den i stället enligt 4 kap. 2 § SoL.'));
  });

  it('says, when the grant is decided as proposed, why the insats is granted under 4 kap. 2 § instead', async () => {
    const text = squash((await readLetter((await render(await decisionOn(catalog, '2000-03-09', 'GRANT'))).pdf)).text);
    expect(text).toContain(squash('Därför beviljas den i stället enligt 4 kap. 2 § SoL.'));
  });
});

describe('a rule set whose refusal is appealable by förvaltningsbesvär while its grant is not', () => {
  const ruleSets = refusalByForvaltningsbesvarCatalog();
  const ELIGIBLE = '2000-03-09';
  const deviationReason = 'Personen har fått en anställning och behöver inte insatsen.';

  it('gives a proposed grant signed as a refusal the refusal\'s basis and FL 44 § appeal information, and no laglighetsprövning', async () => {
    const input = await decisionOn(ruleSets, ELIGIBLE, 'REFUSE', { deviationReason });
    expect(input.proposal.outcome).toBe('GRANT');
    expect(input.proposal.legalBasis.appealRoute).toBe('LAGLIGHETSPROVNING');
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, [...FORVALTNINGSBESVAR, '16 kap. 3 § socialtjänstlagen (2001:453)', 'Beslutet är fattat med stöd av 4 kap. 1 § socialtjänstlagen (2001:453)']);
    expectLacks(read.text, ['laglighetsprövning', 'anslagstavla', 'Förvaltningsrätten i Stockholm', 'inte överklagas', '4 kap. 2 § socialtjänstlagen']);
  });

  it('gives the same proposal signed as a grant laglighetsprövning under 4 kap. 2 §, and no förvaltningsbesvär', async () => {
    const read = await readLetter((await render(await decisionOn(ruleSets, ELIGIBLE, 'GRANT'))).pdf);
    expectContains(read.text, [...LAGLIGHETSPROVNING, 'Beslutet är fattat med stöd av 4 kap. 2 § socialtjänstlagen (2001:453)']);
    expectLacks(read.text, [...FORVALTNINGSBESVAR, 'från den dag du fick beslutet', '16 kap. 3 §', '4 kap. 1 § socialtjänstlagen']);
  });

  it('gives a partial grant the grant\'s basis for the granted part and the refusal\'s basis and appeal information for the rest', async () => {
    const input = await decisionOn(ruleSets, ELIGIBLE, 'PARTIAL', { grantedPeriod: { from: '2024-04-02', to: '2024-09-30' }, deviationReason });
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, [
      'Beslutet är fattat med stöd av 4 kap. 2 § socialtjänstlagen (2001:453)',
      'Den del av beslutet som avslår din ansökan är fattad med stöd av 4 kap. 1 § socialtjänstlagen (2001:453)',
      'Det här gäller den del av beslutet som avslår din ansökan',
      ...FORVALTNINGSBESVAR,
    ]);
    expectLacks(read.text, ['laglighetsprövning', 'anslagstavla', 'inte överklagas']);
  });
});

describe('the PDF document', () => {
  it('is byte-identical when the same decision is rendered twice, and its sha256 is that of the bytes', async () => {
    const input = await sampleInput('grant');
    const first = await render(input);
    const second = await render(structuredClone(input));
    expect(Buffer.compare(first.pdf, second.pdf)).toBe(0);
    expect(first.sha256).toBe(second.sha256);
    expect(first.sha256).toBe(createHash('sha256').update(first.pdf).digest('hex'));
  });

  it('derives its document id from the decision, so another decision gets another id', async () => {
    const trailerId = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/i.exec(pdf.toString('latin1'))?.[1];
    const input = await sampleInput('grant');
    const other = { ...input, contact: { ...input.contact, phone: '08-508 43 211' } };
    const a = trailerId((await render(input)).pdf);
    const b = trailerId((await render(other)).pdf);
    expect(a).toMatch(/^[0-9a-f]{32}$/i);
    expect(b).toMatch(/^[0-9a-f]{32}$/i);
    expect(a).not.toBe(b);
  });

  it('carries title, author (the board), subject, language sv-SE, the decision date and a PDF/A-3b declaration', () => {
    const { decision, read } = rendered.grant;
    expect(read.info).toMatchObject({
      Title: `Beslut om bistånd, ärende ${decision.caseNumber}`,
      Author: 'Arbetsmarknadsnämnden, Stockholms stad',
      Subject: 'Beslut om särskild individanpassad stödinsats, beviljas',
      Language: 'sv-SE',
      CreationDate: 'D:20240820120000Z',
    });
    expect(read.xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(read.xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(read.xmp).toContain(`ärende ${decision.caseNumber}`);
    expect(rendered.grant.letter.pdf.toString('latin1')).toContain('/OutputIntents');
  });

  it.each(SAMPLE_KINDS)('%s: embeds the decision record as a JSON attachment equal to the signed decision', (kind) => {
    const { decision, letter, read } = rendered[kind];
    const attachment = read.attachments['beslutspost.json'];
    expect(attachment).toBeDefined();
    const json = new TextDecoder().decode(attachment?.content);
    expect(JSON.parse(json)).toEqual(decision);
    expect(createHash('sha256').update(json).digest('hex')).toBe(letter.recordSha256);
    // PDF/A-3: the file is associated with the document and says what it is.
    const raw = letter.pdf.toString('latin1');
    expect(raw).toContain('/AFRelationship /Source');
    expect(raw).toContain('/Subtype /application#2Fjson');
  });

  it('embeds its TrueType fonts and uses none of the standard fonts a viewer would substitute', () => {
    const raw = rendered.grant.letter.pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Medium/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });
});

describe('the renderer', () => {
  it('refuses to fetch a URL a document names', async () => {
    await expect(renderPdf({ content: 'x', images: { logo: 'https://example.invalid/logo.png' } })).rejects.toThrow(/denied by resource access policy/);
  });

  it('refuses to read a local file a document names', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/passwd' }] })).rejects.toThrow(/denied by resource access policy/);
  });
});
