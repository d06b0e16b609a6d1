/**
 * A case worker proposes: the facts go in, the engine's proposal under the approved law in force
 * comes out and is stored (status PROPOSED), on a new case or on the person's existing one.
 */
import type { DomainContext } from '../context';
import { valid } from '../context';
import { type IsoDate, dateParts, todayInStockholm } from '../dates';
import {
  type Actor,
  type AuditEvent,
  type CaseFile,
  type CaseRecord,
  type DecisionRecord,
  type ReferralRecord,
  actorRef,
  proposeRequestSchema,
} from '../records-schema';
import type { WriteUnit } from '../decision-store';
import { contactPersonSchema } from '../signed-decision-schema';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseIdentityNumber } from '../personnummer';
import type { Proposal } from '../proposal-schema';
import { retentionExpiry } from '../retention';
import { evaluateApproved } from './evaluate';
import { type DecisionView, auditEvent, runCaseChange, touched } from './runner';

/** A new decision record holding the engine's proposal, waiting for a delegate. */
export function proposedDecision(p: {
  decisionId: string;
  caseId: string;
  decisionDate: string;
  facts: DecisionRecord['facts'];
  proposal: Proposal;
  at: string;
  actor: Actor;
}): DecisionRecord {
  return {
    decisionId: p.decisionId,
    caseId: p.caseId,
    status: 'PROPOSED',
    version: 1,
    decisionDate: p.decisionDate,
    facts: p.facts,
    proposal: p.proposal,
    proposedAt: p.at,
    proposedBy: actorRef(p.actor),
  };
}

/**
 * The letter's contact person: the case worker who proposes, from one staff record (the token's
 * name, phone and e-mail), never typed in separately. What the record lacks, or holds in a form a
 * letter cannot print, is the unit's switchboard.
 */
export function staffContact(ctx: Pick<DomainContext, 'defaultContact'>, actor: Actor): CaseRecord['contact'] {
  const record = { name: actor.name, phone: actor.phone ?? ctx.defaultContact.phone, email: actor.email ?? ctx.defaultContact.email };
  if (contactPersonSchema.safeParse(record).success) return record;
  const unit = { name: actor.name, ...ctx.defaultContact };
  return contactPersonSchema.safeParse(unit).success ? unit : { name: 'Jobbtorg Stockholm', ...ctx.defaultContact };
}

/** Names compared as a person would: case, accents' encoding and spacing do not make another name. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv-SE');
  return norm(a) === norm(b);
}

/** The view of a proposal, and whether it went into the person's existing case (the page says so). */
export type ProposedView = DecisionView & { joinedExistingCase: boolean };

export async function proposeDecision(ctx: DomainContext, actor: Actor, body: unknown, idempotencyKey?: string): Promise<ProposedView> {
  let joinedExistingCase = false;
  const view = await runCaseChange(ctx, { scope: `propose#${actor.id}`, key: idempotencyKey, body }, async () => {
    const request = valid(proposeRequestSchema.safeParse(body));
    const now = ctx.clock();
    const at = now.toISOString();
    const decisionDate = request.decisionDate ?? todayInStockholm(now);
    const { proposal, request: evaluated } = await evaluateApproved(ctx, decisionDate, request.applicant.personnummer, request.facts);
    const identity = parseIdentityNumber(evaluated.applicant.personnummer, decisionDate as IsoDate);
    if (!identity.ok) throw new Error('identity was validated by propose()');
    const personnummer = identity.value.canonical;

    let referral: ReferralRecord | undefined;
    if (request.referralId) {
      referral = await ctx.store.readReferral(request.referralId);
      if (!referral) throw new NotFoundError('Anmälan', request.referralId);
      if (referral.status !== 'WAITING') throw new ConflictError('VERSION', 'Anmälan är redan omhändertagen av en handläggare.');
      if (referral.applicant.personnummer !== personnummer) {
        throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret stämmer inte med anmälan.' }]);
      }
    }
    // One person, one case: without a case id, the proposal goes into the person's case if they have one.
    const personKeys = (await ctx.personKeys()).keysOf(personnummer);
    let file: CaseFile | undefined;
    // Index entries of cases that are gone (culled, or past their expiry and not yet deleted) are no case.
    const staleCases: string[] = [];
    if (request.caseId) {
      file = await ctx.store.readCase(request.caseId);
      if (!file) throw new NotFoundError('Ärendet', request.caseId);
    } else {
      for (const indexed of await ctx.store.casesOfPerson(personKeys)) {
        file = await ctx.store.readCase(indexed);
        if (file) break;
        staleCases.push(indexed);
      }
    }
    if (file) {
      if (file.case.applicant.personnummer !== personnummer) {
        throw new ValidationError([{ path: 'applicant.personnummer', message: 'Personnumret hör inte till ärendet.' }]);
      }
      joinedExistingCase = request.caseId === undefined;
      const caseRef = { caseId: file.case.caseId, caseNumber: file.case.caseNumber };
      if (request.correctionReason === undefined && file.decisions.some((d) => d.status === 'PROPOSED')) {
        throw new ConflictError(
          'OPEN_PROPOSAL',
          `Personen har redan ärende ${file.case.caseNumber} med ett förslag som inte är beslutat. Öppna ärendet och rätta förslaget, eller dra tillbaka det först.`,
          caseRef,
        );
      }
      // The same personnummer under another name is never silently accepted.
      if (!sameName(file.case.applicant.name, request.applicant.name) && request.nameChangeReason === undefined) {
        throw new ConflictError(
          'NAME_MISMATCH',
          `Personnumret finns redan i ärende ${file.case.caseNumber} under ett annat namn (${file.case.applicant.name}). Kontrollera identiteten. Är det samma person med nytt namn, skriv varför namnet ändras (nameChangeReason) så ändras namnet i ärendet.`,
          caseRef,
        );
      }
    } else if (request.correctionReason !== undefined) {
      throw new ValidationError([{ path: 'correctionReason', message: 'Ett rättat förslag hör till ett ärende: ange ärendets id (caseId).' }]);
    }
    if (request.nameChangeReason !== undefined && (!file || sameName(file.case.applicant.name, request.applicant.name))) {
      throw new ValidationError([{ path: 'nameChangeReason', message: 'Namnet är detsamma som i ärendet. Ta bort skälet till namnbytet.' }]);
    }

    const decisionId = ctx.newId();
    const audit: AuditEvent[] = [];
    let unit: WriteUnit;
    let caseRecord: CaseRecord;
    if (file) {
      // The case worker's verified details replace earlier ones (e.g. from an outreach referral);
      // a changed name only with its reason, and the former name stays in the case.
      const renamed = request.nameChangeReason !== undefined;
      const formerNames = renamed
        ? [...(file.case.formerNames ?? []), { name: file.case.applicant.name, until: at, reason: request.nameChangeReason as string }]
        : file.case.formerNames;
      const touch = touched(
        {
          ...file.case,
          applicant: { ...request.applicant, personnummer },
          contact: staffContact(ctx, actor),
          retention: proposal.retention,
          responsible: actorRef(actor),
          ...(formerNames ? { formerNames } : {}),
        },
        now,
      );
      caseRecord = touch.record;
      if (renamed) audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'APPLICANT_RENAMED', at));
      unit = { touch, audit, indexPerson: { personKey: personKeys[0] as string, caseId: caseRecord.caseId, claim: false } };
    } else {
      caseRecord = {
        caseId: ctx.newId(),
        // The board's diarienummer is issued by the service only, never typed by a caller.
        caseNumber: await ctx.store.nextCaseNumber(dateParts(decisionDate as IsoDate).year),
        applicant: { ...request.applicant, personnummer },
        contact: staffContact(ctx, actor),
        createdAt: at,
        lastEntryAt: at,
        retention: proposal.retention,
        responsible: actorRef(actor),
        expiresAt: retentionExpiry(now, identity.value.birthDate, proposal.retention),
        version: 1,
      };
      audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'CASE_CREATED', at));
      unit = { newCase: caseRecord, audit, indexPerson: { personKey: personKeys[0] as string, caseId: caseRecord.caseId, claim: true, staleCases } };
    }
    // Corrected facts: the open proposal is withdrawn with the reason, in the same write, and kept.
    const open = request.correctionReason !== undefined ? file?.decisions.find((d) => d.status === 'PROPOSED') : undefined;
    if (request.correctionReason !== undefined && !open) {
      throw new ValidationError([{ path: 'correctionReason', message: 'Ärendet har inget öppet förslag att rätta. Gör ett nytt förslag utan rättelse.' }]);
    }
    if (open && request.correctionReason !== undefined) {
      const withdrawn: DecisionRecord = { ...open, status: 'WITHDRAWN', version: open.version + 1, withdrawn: { at, by: actorRef(actor), reason: request.correctionReason } };
      unit.updateDecisions = [{ record: withdrawn, expectedVersion: open.version, expectedStatus: 'PROPOSED' }];
      audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'WITHDRAWN', at, open.decisionId, { correctedBy: decisionId }));
    }
    const decision = proposedDecision({ decisionId, caseId: caseRecord.caseId, decisionDate, facts: evaluated.facts, proposal, at, actor });
    audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'PROPOSED', at, decisionId, { outcome: proposal.outcome, ruleSet: `${proposal.ruleSet.id}@${proposal.ruleSet.version}` }));
    unit.putDecisions = [decision];
    if (referral) {
      // Taken up, the referral is part of the case file: no longer culled as a waiting one
      // (referrals.ts) but under the case file's retention from today, research sample included.
      const taken: ReferralRecord = {
        ...referral,
        status: 'TAKEN',
        taken: { at, by: actorRef(actor), caseId: caseRecord.caseId, decisionId },
        expiresAt: retentionExpiry(now, identity.value.birthDate, proposal.retention),
      };
      unit.updateReferral = { record: taken, expectedStatus: 'WAITING' };
      audit.push(auditEvent(ctx, actor, caseRecord.caseId, 'REFERRAL_TAKEN', at, decisionId, { referralId: referral.referralId }));
    }
    return { change: { unit, decisionId }, file };
  });
  return { ...view, joinedExistingCase };
}
