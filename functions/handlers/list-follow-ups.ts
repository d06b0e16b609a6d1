import { parseIsoDate } from '../domain/dates';
import { ValidationError } from '../domain/errors';
import { httpHandler } from '../http/handler';
import { listDue } from '../domain/cases/follow-up';
import { domain } from './context';

export const handler = httpHandler('list-follow-ups', async ({ query }) => {
  const dueBefore = query.dueBefore;
  if (!dueBefore || !parseIsoDate(dueBefore)) {
    throw new ValidationError([{ path: 'dueBefore', message: 'Ange dueBefore som ett datum ÅÅÅÅ-MM-DD, t.ex. ?dueBefore=2024-10-01.' }]);
  }
  const items = await listDue(domain(), dueBefore, 500);
  return { status: 200, json: { dueBefore, items } };
});
