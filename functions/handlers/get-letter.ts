import { httpHandler } from '../http/handler';
import { decisionService } from './context';

export const handler = httpHandler('get-letter', async ({ actor, params }) => {
  const letter = await decisionService().getLetter(actor, params.id ?? '');
  const filename = `beslut-${letter.caseNumber.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
  return { status: 200, pdf: letter.pdf, filename, headers: { ETag: `"${letter.sha256}"` } };
});
