import { readFileSync } from 'node:fs';
import { propose } from '../../functions/domain/propose';
import { loadCatalog } from '../../functions/rule-sets/load-files';
const catalog = loadCatalog();
const body = JSON.parse(readFileSync(new URL('../fixtures/requests/grant.json', import.meta.url), 'utf8'));
for (let i = 0; i < 3000; i++) await propose(catalog, body);
const t = performance.now();
for (let i = 0; i < 20000; i++) await propose(catalog, body);
console.log((performance.now() - t) / 20000);
