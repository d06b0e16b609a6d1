/**
 * End to end over local HTTP: propose + sign + download the letter, four clients at a time, against
 * the local server on DynamoDB Local; beside the bare cost measured in the same run (bare pdfmake
 * render of a letter plus a bare TransactWriteItems of what a signature writes).
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable } from '../../functions/storage/ensure-table';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { recordDevelopmentApprovals } from '../../infra/local/dev-approvals';
import { createDynamoDbClient } from '../../functions/storage/client';
import { renderPdf } from '../../functions/letters/pdf';
import { buildLetterDocument } from '../../functions/letters/layout';
import { defaultLetterTemplates } from '../../functions/letters/load-templates';
import { renderLetter } from '../../functions/letters/render-letter';
import { sampleDecisionInput } from '../../functions/letters/samples';
import { parseSignedDecision } from '../../functions/domain/signed-decision-schema';
import { canonicalJson, sha256Hex } from '../../functions/domain/canonical-json';
import { generateDevKeys, signDevToken } from '../../infra/local/dev-keys';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startLocalServer } from '../../infra/local/server';
import { proposeBody } from '../support/lifecycle';
import { bareSignTransaction } from './storage-bench';
import { percentile, round, time } from './stats';

const CLIENTS = 4;
const PER_CLIENT = 15;

export async function benchHttp(): Promise<Record<string, number>> {
  const db = await startDynamoDbLocal();
  try {
    const tableName = `http-bench-${randomUUID()}`;
    const client = createDynamoDbClient({ endpoint: db.endpoint });
    await ensureTable(client, tableName);
    // As `npm start` on an empty data folder: the shipped rule sets approved for development.
    await recordDevelopmentApprovals(client, tableName, loadCatalog());
    // The handlers read their environment at first use; a fixed day inside a rule set's validity.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: db.endpoint,
      JOBBTORG_LOCAL_TODAY: '2024-08-20',
      PERSON_INDEX_KEYRING_FILE: join(tmpdir(), `jobbtorg-bench-person-index-${process.pid}.json`),
    });
    const keys = await generateDevKeys();
    const server = await startLocalServer({ port: 0, keys });
    const caseWorker = await signDevToken(keys, { role: 'handlaggare', name: 'Anna Lindqvist' });
    const delegate = await signDevToken(keys, { role: 'beslutsfattare', name: 'Göran Ödmark', delegation: '3.1.4', title: 'Enhetschef' });
    const post = (path: string, body: unknown, token: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    let person = 0;
    const oneDecision = async () => {
      const n = person++;
      // A person of their own each time: one person has one case and one live grant.
      const body = proposeBody({ birthDate: `2001-0${(n % 9) + 1}-${String((n % 27) + 1).padStart(2, '0')}`, serial: String(100 + n) });
      const started = performance.now();
      const proposed = await post('/v1/decisions', body, caseWorker);
      const { id } = (await proposed.json()) as { id: string };
      const signed = await post(`/v1/decisions/${id}/sign`, { finalOutcome: 'GRANT' }, delegate);
      if (signed.status !== 200) throw new Error(`sign answered ${signed.status}: ${await signed.text()}`);
      const letter = await fetch(`${server.url}/v1/decisions/${id}/letter`, { headers: { authorization: `Bearer ${caseWorker}` } });
      await letter.arrayBuffer();
      if (letter.status !== 200) throw new Error(`letter answered ${letter.status}`);
      return performance.now() - started;
    };

    for (let i = 0; i < CLIENTS; i++) await oneDecision();
    const samples: number[] = [];
    const wallStart = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < PER_CLIENT; i++) samples.push(await oneDecision());
      }),
    );
    const wallSeconds = (performance.now() - wallStart) / 1000;
    samples.sort((a, b) => a - b);
    await server.close();

    // The bare cost in the same run: the letter's pdfmake render and the signature's transaction.
    const input = await sampleDecisionInput('grant');
    const parsed = parseSignedDecision(input);
    if (!parsed.ok) throw new Error('sample decision is invalid');
    const recordJson = canonicalJson(parsed.decision);
    const templates = defaultLetterTemplates();
    const bareRender = await time(() => renderPdf(buildLetterDocument({ decision: parsed.decision, templates, recordJson, recordSha256: sha256Hex(recordJson) })), 20, 3);
    const sample = await renderLetter(input);
    if (!sample.ok) throw new Error('sample letter did not render');
    const bareTransaction = await time(() => bareSignTransaction(client, tableName, sample.letter.pdf), 20, 3);
    const bare = bareRender.medianMs + bareTransaction.medianMs;

    return {
      'http.proposeSignLetter.p50Ms': round(percentile(samples, 50), 1),
      'http.proposeSignLetter.p99Ms': round(percentile(samples, 99), 1),
      'http.decisionsPerSecond': round(samples.length / wallSeconds, 2),
      'http.clients': CLIENTS,
      'http.decisions': samples.length,
      'http.bareRenderPlusTransaction.medianMs': round(bare, 1),
      'http.ratioToBare': round(percentile(samples, 50) / bare, 2),
    };
  } finally {
    await db.stop();
  }
}
