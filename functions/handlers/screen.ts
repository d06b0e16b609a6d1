import { httpHandler } from '../http/handler';
import { screenAnonymously } from '../domain/screening/screening';
import { domain } from './context';
import { ruleSets } from './rule-sets';

export const handler = httpHandler('screen', async ({ body }) => ({ status: 200, json: await screenAnonymously(domain({ ruleSets }), body) }));
