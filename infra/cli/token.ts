/**
 * `npm run -s token -- --role ROLE --name NAME [--delegation REF] [--title TITLE] [--client-id ID]`
 * prints a development token the local server accepts.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ROLES, type Role } from '../../functions/domain/records-schema';
import { loadOrCreateDevKeys, signDevToken } from '../local/dev-keys';
import { EXIT_BAD_INPUT } from './io';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    delegation: { type: 'string' },
    title: { type: 'string' },
    'client-id': { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});
const role = values.role as Role | undefined;
if (!role || !(ROLES as readonly string[]).includes(role) || (role !== 'uppsok' && !values.name)) {
  process.stderr.write(`Användning: npm run -s token -- --role ${ROLES.join('|')} --name "Förnamn Efternamn" [--delegation 3.1.4] [--title Enhetschef] [--client-id ID]\n`);
  process.exit(EXIT_BAD_INPUT);
}
if (role === 'beslutsfattare' && !values.delegation) {
  process.stderr.write('En beslutsfattare behöver --delegation (punkten i delegationsordningen), annars kan hen inte besluta.\n');
}
const keys = await loadOrCreateDevKeys(resolve(process.env.DATA_DIR ?? '.data', 'dev-jwt-key.json'));
const token = await signDevToken(keys, {
  role,
  name: values.name ?? '',
  ...(values.delegation ? { delegation: values.delegation } : {}),
  ...(values.title ? { title: values.title } : {}),
  ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
  expiresIn: values.expires,
});
process.stdout.write(token + '\n');
