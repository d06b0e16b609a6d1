import { httpHandler } from '../http/handler';

export const handler = httpHandler('health', async () => ({ status: 200, json: { status: 'ok' } }));
