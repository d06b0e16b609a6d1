/// <reference lib="dom" />
/** Referrals from outreach waiting for a case worker; opening one reads personal data (audited). */
import { getJson } from '../api';
import type { Session } from '../auth';
import { h, render } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { CONSENT_METHOD, label } from '../labels';
import type { NewDecisionPrefill } from './new-decision';

interface ReferralSummary {
  referralId: string;
  createdAt: string;
}
interface Referral extends ReferralSummary {
  status: string;
  referredBy: { name: string };
  applicant: { name: string; personnummer: string };
  consent: { recordedOn: string; method: string; recordedBy: string };
  note?: string;
}

export async function referralsView(main: HTMLElement, _session: Session, takeUp: (prefill: NewDecisionPrefill) => void): Promise<void> {
  const { items } = await getJson<{ items: ReferralSummary[] }>('/v1/referrals');
  const item = (r: ReferralSummary) => {
    const details = h('div', { class: 'item-actions' });
    const open = async () => {
      const full = await getJson<Referral>(`/v1/referrals/${r.referralId}`);
      details.replaceChildren(
        h('dl', { class: 'summary' },
          h('dt', {}, 'Namn'), h('dd', {}, full.applicant.name),
          h('dt', {}, 'Personnummer'), h('dd', {}, full.applicant.personnummer),
          h('dt', {}, 'Anmäld av'), h('dd', {}, full.referredBy.name),
          h('dt', {}, 'Samtycke'), h('dd', {}, `${label(CONSENT_METHOD, full.consent.method)}, ${formatDate(full.consent.recordedOn)}, av ${full.consent.recordedBy}`),
          full.note ? [h('dt', {}, 'Anteckning'), h('dd', {}, full.note)] : null,
        ),
        h('button', { type: 'button', class: 'primary', onclick: () => takeUp({ referralId: full.referralId, name: full.applicant.name, personnummer: full.applicant.personnummer }) }, 'Ta upp i ett nytt ärende'),
      );
      details.querySelector('button')?.focus();
    };
    return h('li', { class: 'referral' },
      h('span', {}, `Anmäld ${formatDateTime(r.createdAt)}`),
      h('button', { type: 'button', onclick: open, 'aria-label': `Visa anmälan från ${formatDateTime(r.createdAt)}` }, 'Visa'),
      details,
    );
  };
  render(
    main,
    h('h1', {}, 'Anmälningar som väntar'),
    h('p', {}, 'Personer som uppsökande verksamhet har anmält, med samtycke. De äldsta först. Uppgifterna om personen visas först när du öppnar anmälan, och det loggas.'),
    items.length ? h('ul', { class: 'referrals' }, items.map(item)) : h('p', {}, 'Inga anmälningar väntar.'),
  );
}
