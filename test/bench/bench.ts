/**
 * `npm run bench`: prints a readable table of every figure, and as its very last line one JSON
 * object with all of them, so runs can be compared by a script. Nothing here passes or fails.
 */
import { benchEngine } from './engine-bench';
import { benchLetter } from './letter-bench';
import { benchHttp } from './http-bench';
import { benchStorage } from './storage-bench';
import { benchReplay } from './replay-bench';
import { ROUTES } from '../../functions/http/routes';

type Figures = Record<string, number>;
const sections: Array<[string, () => Promise<Figures>]> = [
  ['Regelmotor (förslag per ärende)', () => benchEngine()],
  ['Beslutsbrev (PDF per beslut)', () => benchLetter()],
  ['Lagring på DynamoDB Local (förslag + beslut + brev; bevakningslistan)', () => benchStorage()],
  ['Hela vägen över lokal HTTP (förslag + beslut + brev, fyra klienter samtidigt)', () => benchHttp()],
  ['Provkörning av ett regelverk över 10 000 lagrade beslut, bredvid bar läsning och bar json-rules-engine (DynamoDB Local)', () => benchReplay()],
  ['Lambda-paket (storlek och modulladdning per funktion, bredvid en bar DynamoDB-hanterare)', () => import('./bundle-bench').then((m) => m.benchBundles())],
];

const all: Figures = {};
for (const [title, bench] of sections) {
  const figures = await bench();
  process.stdout.write(`\n${title}\n`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) process.stdout.write(`  ${key.padEnd(width)}  ${value}\n`);
  Object.assign(all, figures);
}
// The targets (issue #12), each a ratio to the bare library measured in this same run. Nothing
// fails on them: a run reports whether each holds.
const bare = all['bundle.bare-dynamodb-handler.kB'] as number;
const bareLoad = all['bundle.bare-dynamodb-handler.loadMs'] as number;
const traced = all['bundle.bare-dynamodb-handler-powertools.kB'] as number;
const tracedLoad = all['bundle.bare-dynamodb-handler-powertools.loadMs'] as number;
const withoutRules = ROUTES.filter((r) => !r.usesRules && !r.rendersLetters && r.access !== 'public').map((r) => r.id);
const targets: Array<[string, number, number]> = [
  ['funktioner utan regler: största paket / bar hanterare', Math.max(...withoutRules.map((id) => all[`bundle.${id}.kB`] as number)) / bare, 1.3],
  ['funktioner utan regler: längsta modulladdning / bar hanterare', Math.max(...withoutRules.map((id) => all[`bundle.${id}.loadMs`] as number)) / bareLoad, 1.3],
  ['funktioner utan regler: största paket / bar hanterare med Powertools', Math.max(...withoutRules.map((id) => all[`bundle.${id}.kB`] as number)) / traced, 1.3],
  ['funktioner utan regler: längsta laddning / bar hanterare med Powertools', Math.max(...withoutRules.map((id) => all[`bundle.${id}.loadMs`] as number)) / tracedLoad, 1.3],
  ['sign-decision: paketets storlek i MB', (all['bundle.sign-decision.kB'] as number) / 1024, 1.5],
  ['regelmotorn: förslag / bar json-rules-engine', all['engine.ratio'] as number, 2],
  ['förslag + beslut + lagring / (bar rendering + bar transaktion)', all['storage.proposeSignStore.ratioToBareRenderPlusTransaction'] as number, 1.3],
  // The same, against the round trips the two requests need (person index, case number, reads for
  // optimistic locking) done with the bare SDK: what our own code adds on top of them.
  ['förslag + beslut + lagring / samma rundresor med bar SDK och bar pdfmake', all['storage.proposeSignStore.ratioToBareSameRoundTrips'] as number, 1.3],
  // Issue #13: search and Att besluta cost the same on 100,000 stored cases as on 10,000.
  ...(['search', 'attBesluta'] as const).flatMap((what): Array<[string, number, number]> => {
    const label = what === 'search' ? 'sök på personnummer' : 'Att besluta';
    return [
      [`${label}: kapacitet 100 000 / 10 000 ärenden`, (all[`storage.${what}100000.capacityUnits`] as number) / (all[`storage.${what}10000.capacityUnits`] as number), 1],
      [`${label}: tid 100 000 / 10 000 ärenden`, (all[`storage.${what}100000.medianMs`] as number) / (all[`storage.${what}10000.medianMs`] as number), 1.2],
    ];
  }),
  // Issue #15: a replay costs at most half again what reading the same decisions and running the bare engine costs.
  ['provkörning 10 000 beslut / (bar läsning + 10 000 bara motorkörningar)', all['replay.ratioToBare'] as number, 1.5],
];
process.stdout.write('\nMål (kvot mot det nakna biblioteket i samma körning)\n');
for (const [what, value, goal] of targets) {
  process.stdout.write(`  ${what.padEnd(72)}  ${value.toFixed(2).padStart(6)}  mål ≤ ${goal}  ${value <= goal ? 'uppfyllt' : 'INTE uppfyllt'}\n`);
  all[`target.${what}`] = Math.round(value * 100) / 100;
}
process.stdout.write(`\nnode ${process.version}, ${process.arch}\n`);
process.stdout.write(JSON.stringify(all) + '\n');
