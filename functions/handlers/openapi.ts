import { httpHandler } from '../http/handler';
import { openApiDocument } from '../http/openapi';

const document = openApiDocument();

export const handler = httpHandler('openapi', async () => ({ status: 200, json: document }));
