import { httpHandler } from '../http/handler';
import { decisionService } from './context';

export const handler = httpHandler('screen', async ({ body }) => ({ status: 200, json: await decisionService().screen(body) }));
