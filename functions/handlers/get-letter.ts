import { httpHandler } from '../http/handler';
import { readLetter } from '../domain/cases/read';
import { domain } from './context';

export const handler = httpHandler('get-letter', async ({ actor, params }) => {
  const letter = await readLetter(domain(), actor, params.id ?? '');
  const filename = `beslut-${letter.caseNumber.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
  return { status: 200, pdf: letter.pdf, filename, headers: { ETag: `"${letter.sha256}"` } };
});
