/**
 * `npm run bench`: prints a readable table of every figure, and as its very last line one JSON
 * object with all of them, so runs can be compared by a script. Nothing here passes or fails.
 */
import { benchEngine } from './engine-bench';
import { benchLetter } from './letter-bench';
import { benchHttp } from './http-bench';
import { benchStorage } from './storage-bench';

type Figures = Record<string, number>;
const sections: Array<[string, () => Promise<Figures>]> = [
  ['Regelmotor (förslag per ärende)', () => benchEngine()],
  ['Beslutsbrev (PDF per beslut)', () => benchLetter()],
  ['Lagring på DynamoDB Local (förslag + beslut + brev; bevakningslistan)', () => benchStorage()],
  ['Hela vägen över lokal HTTP (förslag + beslut + brev, fyra klienter samtidigt)', () => benchHttp()],
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
process.stdout.write(`\nnode ${process.version}, ${process.arch}\n`);
process.stdout.write(JSON.stringify(all) + '\n');
