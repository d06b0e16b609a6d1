/**
 * The follow-up plan of a granted period, from the rule-set parameters the proposal carries. Pure
 * and free of the rules engine: a signed decision plans a shorter partial grant with it too.
 */
import { type IsoDate, addDays, addMonths, compareDates, maxDate } from './dates';
import type { Duration, FollowUpParameters, Milestone } from './proposal-schema';

export function addParameter(date: IsoDate, parameter: Duration, times = 1): IsoDate {
  const n = parameter.value * times;
  switch (parameter.unit) {
    case 'days':
      return addDays(date, n);
    case 'weeks':
      return addDays(date, n * 7);
    case 'months':
      return addMonths(date, n);
    case 'years':
      return addMonths(date, n * 12);
  }
}

/**
 * The follow-up milestones of a granted period: the first job plan and the deeper plan where they
 * fall within the period, regular follow-ups before the final one, and the final follow-up
 * `followUpBeforeEnd` before the last day (never before the first). Pure: the engine plans a
 * grant with it, and a signed decision plans a shorter partial grant with it.
 */
export function planFollowUp(parameters: FollowUpParameters, period: { from: IsoDate; to: IsoDate }): Milestone[] {
  const p = parameters;
  const milestones: Milestone[] = [];
  const within = (due: IsoDate) => compareDates(due, period.to) <= 0;
  const firstJobPlan = addParameter(period.from, p.firstJobPlan);
  if (within(firstJobPlan)) milestones.push({ kind: 'FIRST_JOB_PLAN', due: firstJobPlan, parameter: 'firstJobPlan' });
  const deeperPlan = addParameter(period.from, p.deeperPlan);
  if (within(deeperPlan)) milestones.push({ kind: 'DEEPER_PLAN', due: deeperPlan, parameter: 'deeperPlan' });
  const daysBeforeEnd = p.followUpBeforeEnd.value * (p.followUpBeforeEnd.unit === 'weeks' ? 7 : 1);
  const finalFollowUp = maxDate(period.from, addDays(period.to, -daysBeforeEnd));
  if (p.followUpInterval.value > 0) {
    for (let k = 1; ; k++) {
      const due = addParameter(period.from, p.followUpInterval, k);
      if (compareDates(due, finalFollowUp) >= 0) break;
      milestones.push({ kind: 'FOLLOW_UP', due, parameter: 'followUpInterval' });
    }
  }
  milestones.push({ kind: 'FINAL_FOLLOW_UP', due: finalFollowUp, parameter: 'followUpBeforeEnd' });
  return milestones.sort((a, b) => compareDates(a.due, b.due));
}

