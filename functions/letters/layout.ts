/**
 * The layout of a decision letter as a pdfmake document definition. The words come from the
 * templates; the order of the parts, their look and which data fills them is decided here.
 *
 * Every value from the decision goes into a `text` node as a plain string. pdfmake has no markup
 * inside strings, and `fill` never rescans what it inserts, so a name that looks like markup or a
 * placeholder is printed as written and cannot add, remove or reorder parts of the letter.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CriterionExplanation, Milestone } from '../domain/proposal-schema';
import { formatParameter } from '../domain/explain';
import type { RecordedFacts } from '../domain/facts';
import type { Citation } from '../domain/lagrum';
import { parseIdentityNumber } from '../domain/personnummer';
import { type SignedDecision, considerationOfRightOf, followUpOf, grantedPeriodOf, legalBasisOf } from '../domain/signed-decision-schema';
import { isDeviation, isRefusalOnRequest } from '../domain/cases/signing-rules';
import { FONT_FAMILY } from './fonts';
import { decisiveFacts } from './decisive';
import { writtenGroundsFor } from './grounds';
import { type LetterTemplates, type Placeholder, type Texts, fill, wordingFor } from './templates';

const PAGE_MARGINS: [number, number, number, number] = [56, 48, 56, 84];

/**
 * Hex characters of a hash printed in the footer. Twelve (48 bits) tell apart any rule sets and
 * inputs a person will compare by eye; 64 characters on every page are noise to an applicant. The
 * full hashes travel in the embedded decision record.
 */
export const HASH_PREFIX_LENGTH = 12;
const GREY = '#4a4a4a';

/** `a`, `a och b`, `a, b och c`. */
export function joinSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

const citations = (list: Citation[]) => joinSv(list.map((c) => c.text));

/** The values the placeholders of a letter's body are filled with. */
export function letterValues(decision: SignedDecision, templates: LetterTemplates): Partial<Record<Placeholder, string>> {
  const { proposal, applicant, decisionMaker, contact } = decision;
  const identity = parseIdentityNumber(applicant.personnummer, decision.decisionDate);
  const { sender } = templates.shared;
  // The provisions of the outcome the delegate signed, not of the one proposed (FL 32 §).
  const basis = legalBasisOf(decision).decision;
  const values: Partial<Record<Placeholder, string>> = {
    caseNumber: decision.caseNumber,
    decisionDate: decision.decisionDate,
    applicantName: applicant.name,
    // The long form with century: the letter is kept for years and must name one person.
    personnummer: identity.ok ? identity.value.canonical : applicant.personnummer,
    legalBasis: citations(basis.lagrum),
    considerationOfRightLagrum: joinSv(proposal.considerationOfRight.lagrum.map((c) => c.short)),
    appealLagrum: citations(basis.appealLagrum),
    decisionMakerName: decisionMaker.name,
    decisionMakerTitle: decisionMaker.title,
    // The point as the delegationsordning names it: its number, and its heading where the decision records it.
    delegationReference: decisionMaker.delegationTitle ? `${decisionMaker.delegationReference} (${decisionMaker.delegationTitle})` : decisionMaker.delegationReference,
    contactName: contact.name,
    contactPhone: contact.phone,
    contactEmail: contact.email,
    board: sender.board,
    city: sender.city,
    unit: sender.unit,
  };
  const granted = grantedPeriodOf(decision);
  if (granted && proposal.period) {
    Object.assign(values, {
      periodFrom: granted.from,
      periodTo: granted.to,
      requestedFrom: proposal.period.requested.from,
      requestedTo: proposal.period.requested.to,
      maxPeriod: formatParameter(proposal.period.maxPeriod),
    });
  }
  if (proposal.referral) values.consentLagrum = citations(proposal.referral.consentLagrum);
  if (decision.finalOutcome === 'PARTIAL') values.refusalLegalBasis = citations(legalBasisOf(decision).appeal.lagrum);
  return values;
}

const heading = (text: string): Content => ({ text, style: 'heading' });
const paragraph = (text: string): Content => ({ text, style: 'body', margin: [0, 0, 0, 4] });

/** A heading kept on the same page as the first part under it. */
function section(title: string, ...parts: Content[]): Content[] {
  const [first, ...rest] = parts;
  return [{ stack: first === undefined ? [heading(title)] : [heading(title), first], unbreakable: true }, ...rest];
}

function criterionBlock(criterion: CriterionExplanation, texts: Texts, recorded: RecordedFacts | undefined): Content {
  // FL 32 §: the facts that decided the criterion, not every fact it looked at.
  const decisive = decisiveFacts(criterion);
  const facts = criterion.factsUsed.filter((f) => decisive.has(f.fact)).map((f) => `${f.label}: ${f.display}`);
  const stack: Content[] = [
    // The topic, not the title: a title phrased as the condition ("Får inte försörjningsstöd")
    // would contradict a reason saying it is not met. Older proposals have only the title.
    { text: criterion.topic ?? criterion.title, style: 'criterionTitle' },
    { text: criterion.reason, style: 'body', margin: [0, 0, 0, 2] },
  ];
  if (facts.length > 0) stack.push({ text: `${texts.factsUsed} ${facts.join('; ')}.`, style: 'facts' });
  const grounds = writtenGroundsFor(criterion, recorded);
  if (grounds.length > 0) {
    // The case worker's own words, as written: a plain string, never a template.
    stack.push({ text: texts.grounds, style: 'facts', margin: [0, 2, 0, 0] }, ...grounds.map((g): Content => ({ text: g, style: 'grounds' })));
  }
  return { stack, margin: [0, 0, 0, 6], unbreakable: true };
}

function reasonsSection(decision: SignedDecision, templates: LetterTemplates, values: Partial<Record<Placeholder, string>>): Content[] {
  const { headings, text } = wordingFor(templates, decision.finalOutcome);
  const { proposal } = decision;
  const block = (c: CriterionExplanation) => criterionBlock(c, text, decision.facts);
  const out: Content[] = [];
  switch (decision.finalOutcome) {
    case 'GRANT':
    case 'PARTIAL': {
      const kind = templates.kinds[decision.finalOutcome];
      out.push(paragraph(fill(kind.reasonsIntro, values)));
      proposal.criteria.forEach((c) => out.push(block(c)));
      if (decision.finalOutcome === 'PARTIAL' && proposal.period?.capped) {
        out.push(paragraph(fill(templates.kinds.PARTIAL.capped, values)));
      }
      break;
    }
    case 'REFUSE': {
      // FL 32 §: every criterion the refusal rests on, each with its facts.
      const unmet = proposal.criteria.filter((c) => c.status === 'NOT_MET');
      const met = proposal.criteria.filter((c) => c.status === 'MET');
      if (unmet.length > 0) {
        out.push(paragraph(fill(templates.kinds.REFUSE.reasonsIntro, values)));
        unmet.forEach((c) => out.push(block(c)));
      }
      if (met.length > 0) {
        out.push({ text: fill(text.metCriteria, values), style: 'body', margin: [0, 2, 0, 2] });
        // Listed as conditions the person meets, so here the title, phrased as the condition, reads true.
        out.push({ ul: met.map((c) => ({ text: c.title, style: 'body' })), margin: [0, 0, 0, 6] });
      }
      break;
    }
    case 'REFER': {
      const triggers = proposal.criteria.filter((c) => proposal.referralTriggers.includes(c.id));
      out.push(paragraph(fill(templates.kinds.REFER.reasonsIntro, values)));
      triggers.forEach((c) => out.push(block(c)));
      break;
    }
  }
  const reasons = section(headings.reasons, ...out);
  if (isDeviation(decision) && decision.deviationReason !== undefined) {
    // A person who asked for a decision reads why they got one, not that it differs from a proposal they never saw.
    const onRequest = isRefusalOnRequest(decision);
    const title = onRequest ? templates.kinds.REFUSE.onRequestHeading : headings.deviation;
    const lead = onRequest ? templates.kinds.REFUSE.onRequest : text.deviation;
    reasons.push(...section(title, paragraph(fill(lead, values)), { text: decision.deviationReason, style: 'quote' }));
  }
  return reasons;
}

function followUpSection(decision: SignedDecision, templates: LetterTemplates, values: Partial<Record<Placeholder, string>>): Content[] {
  const milestones: Milestone[] = followUpOf(decision);
  if (milestones.length === 0) return [];
  const texts = templates.shared.milestones;
  return section(
    wordingFor(templates, decision.finalOutcome).headings.followUp,
    paragraph(fill(texts.intro, values)),
    { ul: milestones.map((m) => ({ text: fill(texts[m.kind], { ...values, due: m.due }), style: 'body' })), margin: [0, 0, 0, 2] },
  );
}

function appealSection(decision: SignedDecision, templates: LetterTemplates, values: Partial<Record<Placeholder, string>>): Content[] {
  const { shared } = templates;
  // The route is the rule set's for the signed outcome (for a partial grant: the refusal's, since
  // only the refused part is against the person); the code never picks one itself.
  const basis = legalBasisOf(decision).appeal;
  const appealValues = { ...values, legalBasis: citations(basis.lagrum), appealLagrum: citations(basis.appealLagrum) };
  const out: Content[] = [];
  if (decision.finalOutcome === 'PARTIAL') out.push(paragraph(fill(templates.kinds.PARTIAL.appealIntro, appealValues)));
  const appeal = shared.appeal[basis.appealRoute].map((p) => paragraph(fill(p, appealValues)));
  // A referral cannot be challenged; a decision on the application can, and the person may ask for one.
  if (decision.finalOutcome === 'REFER') appeal.push(paragraph(fill(templates.kinds.REFER.decisionOnRequest, appealValues)));
  const closing = shared.reconsideration.map((p) => paragraph(fill(p, appealValues)));
  // The closing paragraphs end the letter; kept with the paragraph before them, a page break never
  // leaves them alone on a last page.
  const last = appeal.pop();
  out.push(...appeal, { stack: last === undefined ? closing : [last, ...closing], unbreakable: true });
  return section(wordingFor(templates, decision.finalOutcome).headings.appeal, ...out);
}

function headerBlock(decision: SignedDecision, templates: LetterTemplates, values: Partial<Record<Placeholder, string>>): Content[] {
  const { sender, labels } = templates.shared;
  const { address } = decision.applicant;
  const postalCode = address.postalCode.replace(/^(\d{3}) ?(\d{2})$/, '$1 $2');
  return [
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: sender.board, style: 'board' },
            { text: sender.city, style: 'sender' },
            { text: sender.unit, style: 'sender', margin: [0, 4, 0, 0] },
            ...sender.postalAddress.slice(1).map((line) => ({ text: line, style: 'sender' })),
            { text: `${labels.phone} ${sender.phone}`, style: 'sender' },
            { text: `${labels.email} ${sender.email}`, style: 'sender' },
            { text: `${labels.web} ${sender.web}`, style: 'sender' },
          ],
        },
        {
          width: 210,
          stack: [
            { text: labels.caseNumber, style: 'label' },
            { text: decision.caseNumber, style: 'value' },
            { text: labels.decisionDate, style: 'label', margin: [0, 4, 0, 0] },
            { text: decision.decisionDate, style: 'value' },
            // The addressee where a window envelope shows it.
            {
              stack: [
                { text: decision.applicant.name, style: 'address' },
                ...address.lines.map((line) => ({ text: line, style: 'address' })),
                { text: `${postalCode} ${address.city}`, style: 'address' },
              ],
              margin: [0, 22, 0, 0],
            },
          ],
        },
      ],
      columnGap: 16,
    },
    { text: fill(templates.kinds[decision.finalOutcome].title, values), style: 'title', margin: [0, 28, 0, 0] },
    { text: fill(templates.kinds[decision.finalOutcome].subtitle, values), style: 'subtitle' },
    {
      text: [
        { text: `${labels.applicant}: `, bold: true },
        decision.applicant.name,
        { text: `   ${labels.personnummer}: `, bold: true },
        values.personnummer ?? '',
      ],
      style: 'body',
      margin: [0, 8, 0, 0],
    },
  ];
}

export interface LetterLayoutInput {
  decision: SignedDecision;
  templates: LetterTemplates;
  /** sha256 of the embedded decision record, written into the metadata and so into the PDF's id. */
  recordSha256: string;
  /** The embedded decision record (canonical JSON). */
  recordJson: string;
}

/** The complete document definition; a fresh object every time, since pdfmake mutates it. */
export function buildLetterDocument({ decision, templates, recordSha256, recordJson }: LetterLayoutInput): TDocumentDefinitions {
  const { shared } = templates;
  const kind = templates.kinds[decision.finalOutcome];
  const { headings, text } = wordingFor(templates, decision.finalOutcome);
  const values = letterValues(decision, templates);
  const { proposal } = decision;

  const content: Content[] = [...headerBlock(decision, templates, values)];
  content.push(...section(headings.decision, { text: fill(kind.decision, values), style: 'decision' }));
  if ((decision.finalOutcome === 'GRANT' || decision.finalOutcome === 'PARTIAL') && 'insats' in kind) {
    content.push(...section(kind.insatsHeading, paragraph(fill(kind.insats, values))));
  }
  content.push(...reasonsSection(decision, templates, values));
  if (decision.finalOutcome === 'REFER') {
    const refer = templates.kinds.REFER;
    const shared = proposal.referral?.informationMayBeShared === true;
    content.push(...section(refer.whereToTurnHeading, paragraph(fill(refer.whereToTurn, values))));
    // OSL 26 kap. 1 §, 12 kap. 2 §: information goes to the district office only with consent.
    content.push(...section(refer.informationHeading, paragraph(fill(shared ? refer.informationShared : refer.informationNotShared, values))));
  }
  // JO: the record must show that 4 kap. 1 § SoL was tried first.
  content.push(...section(fill(headings.considerationOfRight, values), paragraph(considerationOfRightOf(decision))));
  const legalBasisParts = [paragraph(fill(text.legalBasis, values))];
  // FL 32 §: a partial grant also refuses, and the refusal may rest on other provisions.
  if (decision.finalOutcome === 'PARTIAL' && values.refusalLegalBasis !== values.legalBasis) {
    legalBasisParts.push(paragraph(fill(templates.kinds.PARTIAL.refusalLegalBasis, values)));
  }
  content.push(...section(headings.legalBasis, ...legalBasisParts));
  content.push(...followUpSection(decision, templates, values));
  content.push(...section(headings.decisionMaker, paragraph(fill(text.decisionMaker, values))));
  content.push(...section(headings.contact, paragraph(fill(text.contact, values))));
  content.push(...appealSection(decision, templates, values));

  const traceability = fill(shared.labels.traceability, {
    ruleSetId: proposal.ruleSet.id,
    ruleSetVersion: String(proposal.ruleSet.version),
    ruleSetSha256Short: proposal.ruleSet.sha256.slice(0, HASH_PREFIX_LENGTH),
    inputSha256Short: proposal.inputSha256.slice(0, HASH_PREFIX_LENGTH),
    templateVersion: String(templates.version),
  });
  const approval = proposal.ruleSet.approval;
  const approvalLine = !approval
    ? shared.labels.approval.none
    : approval.development
      ? shared.labels.approval.development
      : fill(shared.labels.approval.reviewed, { approvedBy: approval.approvedBy.name, approverTitle: approval.approvedBy.title, approvedOn: approval.approvedAt.slice(0, 10) });
  const footerLeft = `${shared.sender.board}, ${shared.sender.city} · ${shared.labels.caseNumber} ${decision.caseNumber}`;
  // Noon UTC is the same calendar day in Stockholm all year: the letter is dated the decision day.
  const created = new Date(`${decision.decisionDate}T12:00:00Z`);

  const definition: TDocumentDefinitions = {
    version: '1.7',
    // PDF/A-3 allows the decision record to travel inside the letter as an associated file.
    subset: 'PDF/A-3b',
    language: 'sv-SE',
    compress: true,
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: {
      title: fill(shared.metadata.title, { letterTitle: kind.title, caseNumber: decision.caseNumber }),
      author: shared.metadata.author,
      subject: kind.subject,
      // pdfkit derives the document id from the metadata, so the record's hash here makes the id
      // the decision's own.
      keywords: `beslutsbrev; ${decision.finalOutcome}; beslutspost sha256 ${recordSha256}; brevmall ${templates.version}`,
      creator: 'Jobbtorg beslutsstöd',
      producer: 'pdfmake (PDFKit)',
      creationDate: created,
    },
    files: {
      record: {
        src: `data:application/json;base64,${Buffer.from(recordJson, 'utf8').toString('base64')}`,
        name: 'beslutspost.json',
        description: 'Det signerade beslutet som brevet är skrivet utifrån',
        // Passed through pdfmake to pdfkit's file(): PDF/A-3 wants the relationship and fixed dates.
        ...({ type: 'application/json', relationship: 'Source', creationDate: created, modifiedDate: created } as object),
      },
    },
    content,
    footer: (currentPage: number, pageCount: number): Content => ({
      margin: [PAGE_MARGINS[0], 20, PAGE_MARGINS[2], 0],
      stack: [
        {
          columns: [
            { text: footerLeft, style: 'footer', width: '*' },
            { text: fill(shared.labels.page, { page: String(currentPage), pages: String(pageCount) }), style: 'footer', alignment: 'right', width: 90 },
          ],
        },
        { text: `${approvalLine} ${traceability}`, style: 'trace', margin: [0, 3, 0, 0] },
      ],
    }),
    defaultStyle: { font: FONT_FAMILY, fontSize: 10, lineHeight: 1.2 },
    styles: {
      board: { fontSize: 13, bold: true },
      sender: { fontSize: 8.5, color: GREY },
      label: { fontSize: 8, color: GREY },
      value: { fontSize: 10, bold: true },
      address: { fontSize: 10.5 },
      title: { fontSize: 17, bold: true },
      subtitle: { fontSize: 11.5, color: GREY },
      heading: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 3] },
      decision: { fontSize: 11, bold: true },
      body: { fontSize: 10 },
      criterionTitle: { fontSize: 10, bold: true, margin: [0, 2, 0, 1] },
      facts: { fontSize: 9, color: GREY },
      grounds: { fontSize: 9.5, margin: [10, 1, 0, 1] },
      quote: { fontSize: 10, italics: true, margin: [12, 2, 0, 4] },
      footer: { fontSize: 8, color: GREY },
      trace: { fontSize: 6, color: GREY },
    },
  };
  return definition;
}
