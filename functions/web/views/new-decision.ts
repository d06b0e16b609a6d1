/// <reference lib="dom" />
/** New decision: the case worker records the facts and asks for a proposal (POST /v1/decisions). */
import { ApiError, postJson } from '../api';
import type { Session } from '../auth';
import { h, render } from '../dom';
import { ASSESSMENT_AREA, NEED_LEVEL, SOCIAL_SERVICES_CONTACT } from '../labels';
import { flash } from '../navigation';
import { FieldSet } from './form';
import { fillFacts, takeCorrection } from './correction';

/** Prefill from a referral being taken up. */
export interface NewDecisionPrefill {
  referralId?: string;
  name?: string;
  personnummer?: string;
}

const choices = (table: Record<string, string>): Array<[string, string]> => [['', 'Inte antecknat'], ...Object.entries(table)];

/** The request body from the form: unrecorded facts are left out, never sent as guesses. */
function requestFrom(f: FieldSet): Record<string, unknown> {
  const bool = (path: string) => (f.value(path) === '' ? undefined : f.value(path) === 'true');
  const text = (path: string) => f.value(path) || undefined;
  const object = (entries: Record<string, unknown>) => (Object.values(entries).some((v) => v !== undefined) ? entries : undefined);
  const areas = f.checked('facts.assessedNeed.areas');
  return {
    ...(text('referralId') ? { referralId: text('referralId') } : {}),
    applicant: {
      name: f.value('applicant.name'),
      personnummer: f.value('applicant.personnummer'),
      address: {
        lines: f.value('applicant.address.lines').split('\n').map((l) => l.trim()).filter(Boolean),
        postalCode: f.value('applicant.address.postalCode'),
        city: f.value('applicant.address.city'),
      },
    },
    ...(text('decisionDate') ? { decisionDate: text('decisionDate') } : {}),
    facts: {
      reachedThroughOutreach: bool('facts.reachedThroughOutreach'),
      working: bool('facts.working'),
      studying: bool('facts.studying'),
      woman: bool('facts.woman'),
      forsorjningsstod: bool('facts.forsorjningsstod'),
      socialServicesContact: text('facts.socialServicesContact'),
      apparentEntitlementNeed: object({ present: bool('facts.apparentEntitlementNeed.present'), description: text('facts.apparentEntitlementNeed.description') }),
      assessedNeed: object({ level: text('facts.assessedNeed.level'), grounds: text('facts.assessedNeed.grounds'), areas: areas.length > 0 ? areas : undefined }),
      weakLabourMarketPosition: object({ weak: bool('facts.weakLabourMarketPosition.weak'), grounds: text('facts.weakLabourMarketPosition.grounds') }),
      consentToShareWithDistrictOffice: bool('facts.consentToShareWithDistrictOffice'),
      requestedPeriod: object({ from: text('facts.requestedPeriod.from'), to: text('facts.requestedPeriod.to') }),
    },
  };
}

export function newDecisionView(main: HTMLElement, session: Session, prefill: NewDecisionPrefill = {}): void {
  const correction = takeCorrection();
  const applicant = correction?.applicant;
  if (applicant) prefill = { ...prefill, name: applicant.name, personnummer: applicant.personnummer };
  const f = new FieldSet();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Begär förslag');
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'new-decision-heading' },
    f.summary,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Sökande'),
      prefill.referralId ? h('p', {}, 'Ärendet startar från en anmälan från uppsökande verksamhet.') : null,
      correction
        ? [
            h('p', {}, `Du rättar uppgifterna i ärende ${correction.caseNumber}. Det nya förslaget ersätter det öppna, som dras tillbaka med ditt skäl och sparas i ärendet.`),
            f.textarea('correctionReason', 'Varför uppgifterna rättas', { rows: 2, required: 'Skriv varför uppgifterna rättas.' }),
          ]
        : null,
      prefill.referralId ? f.text('referralId', 'Anmälans id', { value: prefill.referralId }) : null,
      f.text('applicant.name', 'Namn', { value: prefill.name ?? '', autocomplete: 'off', required: 'Ange sökandens namn.' }),
      f.text('applicant.personnummer', 'Personnummer eller samordningsnummer', { value: prefill.personnummer ?? '', hint: 'Till exempel 20010517-9824.', required: 'Ange personnummer eller samordningsnummer.' }),
      f.textarea('applicant.address.lines', 'Adress', { hint: 'En rad per adressrad, högst tre.', rows: 2, required: 'Ange sökandens adress, minst en adressrad.' }),
      h('div', { class: 'row' }, f.text('applicant.address.postalCode', 'Postnummer', { hint: 'Fem siffror, t.ex. 118 46.', required: 'Ange postnumret.' }), f.text('applicant.address.city', 'Postort', { required: 'Ange postorten.' })),
    ),
    h('p', { class: 'hint' }, `Kontaktperson i beslutsbrevet blir du, ${session.name}, med telefon och e-post från ditt personalkonto.`),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Uppgifter om personen'),
      h('p', { class: 'hint' }, 'Lämna "Inte antecknat" för det du inte vet. Förslaget visar då vilka uppgifter som saknas.'),
      f.yesNo('facts.reachedThroughOutreach', 'Nådd genom det uppsökande uppdraget'),
      h('div', { class: 'row' }, f.yesNo('facts.working', 'Arbetar'), f.yesNo('facts.studying', 'Studerar'), f.yesNo('facts.woman', 'Kvinna')),
      f.yesNo('facts.forsorjningsstod', 'Får försörjningsstöd'),
      f.select('facts.socialServicesContact', 'Kontakt med socialtjänsten', choices(SOCIAL_SERVICES_CONTACT)),
      f.yesNo('facts.apparentEntitlementNeed.present', 'Finns ett behov som hör till rätten till bistånd, t.ex. pengar till levnadskostnader (prövas av stadsdelsförvaltningen)'),
      f.textarea('facts.apparentEntitlementNeed.description', 'Beskriv behovet som hör till rätten till bistånd', { hint: 'Bara om ett sådant behov finns.' }),
      f.yesNo('facts.consentToShareWithDistrictOffice', 'Samtycker till att uppgifter lämnas till stadsdelsförvaltningen'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Bedömning'),
      f.select('facts.assessedNeed.level', 'Bedömt behov', choices(NEED_LEVEL)),
      f.textarea('facts.assessedNeed.grounds', 'Vad bedömningen av behovet grundar sig på', { rows: 4 }),
      f.checkboxes('facts.assessedNeed.areas', 'Bedömningsområden', Object.entries(ASSESSMENT_AREA)),
      f.yesNo('facts.weakLabourMarketPosition.weak', 'Svag ställning på arbetsmarknaden', 'Bedöms för målgruppen kvinnor.'),
      f.textarea('facts.weakLabourMarketPosition.grounds', 'Vad bedömningen av ställningen på arbetsmarknaden grundar sig på'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Period och beslutsdatum'),
      h('div', { class: 'row' }, f.date('facts.requestedPeriod.from', 'Sökt period från'), f.date('facts.requestedPeriod.to', 'Sökt period till')),
      f.date('decisionDate', 'Beslutsdatum', { hint: 'Lämna tomt för dagens datum. Beslutsfattaren beslutar samma dag.' }),
    ),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!f.check()) return;
    submit.disabled = true;
    try {
      const body = correction ? { ...requestFrom(f), caseId: correction.caseId, correctionReason: f.value('correctionReason') } : requestFrom(f);
      const created = await postJson<{ id: string; caseNumber: string; joinedExistingCase?: boolean }>('/v1/decisions', body, true);
      if (correction) flash(`Uppgifterna är rättade i ärende ${created.caseNumber}. Det tidigare förslaget är tillbakadraget och sparat.`);
      // One person, one case: say so when the proposal went into the case the person already has.
      else if (created.joinedExistingCase) flash(`Förslaget lades i personens befintliga ärende ${created.caseNumber}.`);
      location.hash = `#/beslut/${created.id}`;
    } catch (error) {
      if (error instanceof ApiError) {
        const existing = error.problem.case;
        // The API's text for another name tells an API client which field to send; the form has none.
        const detail = error.problem.reason === 'NAME_MISMATCH' && existing
          ? `Personnumret finns redan i ärende ${existing.caseNumber} under ett annat namn. Öppna akten och kontrollera identiteten.`
          : error.problem.detail;
        f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.errors?.length ? undefined : detail);
        if (existing) f.summary.append(h('p', {}, h('a', { href: `#/arende/${encodeURIComponent(existing.caseId)}` }, `Öppna akten i ärende ${existing.caseNumber}`)));
      } else f.showErrors('Något gick fel', [], (error as Error).message);
    } finally {
      submit.disabled = false;
    }
  });
  if (correction) {
    fillFacts(form, correction.facts);
    const address = correction.applicant?.address;
    if (address) fillFacts(form, { address: { lines: address.lines.join('\n'), postalCode: address.postalCode, city: address.city } }, 'applicant');
  }
  render(main, h('h1', { id: 'new-decision-heading' }, correction ? `Rätta uppgifterna i ärende ${correction.caseNumber}` : 'Nytt beslut'), h('p', {}, 'Anteckna uppgifterna. Tjänsten föreslår ett utfall; en beslutsfattare beslutar.'), form);
}
