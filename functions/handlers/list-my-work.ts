import { myWork } from '../domain/cases/my-work';
import { httpHandler } from '../http/handler';
import { domain } from './context';

export const handler = httpHandler('list-my-work', async ({ actor }) => {
  const work = await myWork(domain(), actor.id);
  return {
    status: 200,
    json: {
      proposals: work.proposals.map((p) => ({ ...p, links: { decision: `/v1/decisions/${p.decisionId}`, case: `/v1/cases/${p.caseId}` } })),
      followUps: work.followUps.map((f) => ({ ...f, links: { decision: `/v1/decisions/${f.decisionId}`, case: `/v1/cases/${f.caseId}` } })),
    },
  };
});
