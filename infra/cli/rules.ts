/**
 * For legal reviewers:
 *   npm run -s rules -- list | show ID | test
 *   npm run -s rules -- compare ID [OTHER_ID]       what ID changes against OTHER_ID (default: the one it follows)
 *   npm run -s rules -- coverage [ID]               the scenarios' results and what they leave untested
 *   npm run -s rules -- replay ID --from D --to D [--limit N] [--alla]
 *                                                  ID over the decisions stored in the table (TABLE_NAME,
 *                                                  DYNAMODB_ENDPOINT), page by page as the API reads them
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../../functions/domain/context';
import { todayInStockholm } from '../../functions/domain/dates';
import { DomainError, ValidationError } from '../../functions/domain/errors';
import { describeRuleSet } from '../../functions/domain/explain';
import { compareInCatalog } from '../../functions/domain/rule-sets/compare';
import { ruleSetCoverage } from '../../functions/domain/rule-sets/coverage';
import { type ReplayPage, mergeReplayPairs, replayRuleSet } from '../../functions/domain/rule-sets/replay';
import { describeComparison, describeCoverage, describeReplay } from '../../functions/domain/rule-sets/review-text';
import { domainProblem } from '../../functions/http/problems';
import { DEFAULT_RULES_DIR, loadCatalog } from '../../functions/rule-sets/load-files';
import { readScenarioFile, runAllScenarios, runScenario } from '../../functions/rule-sets/scenarios';
import { createDynamoDbClient } from '../../functions/storage/client';
import { DynamoDbDecisionStore } from '../../functions/storage/dynamodb-store';
import { DEFAULT_TABLE_NAME } from '../../functions/storage/table';
import { EXIT_BAD_INPUT, printProblem } from './io';

const [command, id, ...rest] = process.argv.slice(2);
const dir = process.env.RULES_DIR ?? DEFAULT_RULES_DIR;
const catalog = loadCatalog(dir);

function status(validFrom: string, validTo: string | undefined, today: string): string {
  if (today < validFrom) return 'kommande';
  if (validTo !== undefined && today > validTo) return 'upphört';
  return 'gäller';
}

switch (command) {
  case 'list': {
    const today = todayInStockholm();
    const rows = catalog.list().map(({ ruleSet, sha256 }) => [
      ruleSet.id,
      String(ruleSet.version),
      ruleSet.validFrom,
      ruleSet.validTo ?? 'tills vidare',
      status(ruleSet.validFrom, ruleSet.validTo, today),
      sha256.slice(0, 12),
      ruleSet.title,
    ]);
    const header = ['Id', 'Version', 'Gäller från', 'Gäller till', `Status ${today}`, 'Sha256', 'Titel'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    for (const row of [header, ...rows]) process.stdout.write(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ') + '\n');
    if (!catalog.list().some(({ ruleSet }) => status(ruleSet.validFrom, ruleSet.validTo, today) === 'gäller')) {
      process.stdout.write(`\nObs: inget regelverk gäller i dag (${today}). Beslut med dagens datum kan inte föreslås förrän ett nytt regelverk är publicerat.\n`);
    }
    break;
  }
  case 'show': {
    const published = id ? catalog.get(id) : undefined;
    if (!published) {
      process.stderr.write(`Okänt regelverk: ${id ?? '(inget id)'}. Se npm run -s rules -- list\n`);
      process.exit(EXIT_BAD_INPUT);
    }
    process.stdout.write(describeRuleSet(published));
    break;
  }
  case 'test': {
    let failed = 0;
    let passed = 0;
    for (const { ruleSet, origin } of catalog.list()) {
      const path = join(dir, dirname(origin), 'scenarios.yaml');
      if (!existsSync(path)) {
        process.stdout.write(`${ruleSet.id}: inga testscenarier (${path})\n`);
        failed++;
        continue;
      }
      const file = readScenarioFile(path);
      process.stdout.write(`${ruleSet.id}\n`);
      for (const scenario of file.scenarios) {
        const result = await runScenario(catalog, file, scenario);
        process.stdout.write(`  ${result.passed ? 'ok  ' : 'FEL '} ${result.name}\n`);
        for (const f of result.failures) process.stdout.write(`        ${f}\n`);
        if (result.passed) passed++;
        else failed++;
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
    process.exit(failed > 0 ? 1 : 0);
    break;
  }
  case 'compare': {
    const other = rest[0];
    process.stdout.write(describeComparison(orBadInput(() => compareInCatalog(catalog, id ?? '', other))));
    break;
  }
  case 'coverage': {
    const scenarios = await runAllScenarios(catalog, dir);
    const ids = id ? [id] : catalog.list().map((p) => p.ruleSet.id);
    process.stdout.write(ids.map((one) => describeCoverage(orBadInput(() => ruleSetCoverage(catalog, one, scenarios)))).join('\n'));
    break;
  }
  case 'replay': {
    const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, alla: { type: 'boolean' } }, strict: true });
    const store = new DynamoDbDecisionStore(createDynamoDbClient(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}), process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME);
    const ctx = createContext({ store, ruleSets: () => catalog });
    // The access log names who replayed: the person at the terminal.
    const user = userInfo().username;
    const actor = { id: `cli:${user}`, name: `${user} (kommandoraden)`, role: 'jurist' as const };
    const query = { ...(values.from !== undefined ? { from: values.from } : {}), ...(values.to !== undefined ? { to: values.to } : {}), ...(values.limit ? { limit: values.limit } : {}) };
    const pages: ReplayPage[] = [];
    let cursor: string | null = null;
    do {
      const page: ReplayPage = await replayRuleSet(ctx, actor, id ?? '', { ...query, ...(cursor ? { cursor } : {}) }).catch(badInput);
      pages.push(page);
      cursor = page.nextCursor;
      process.stderr.write(`\rLäst t.o.m. ${page.progress.month}: ${pages.reduce((sum, p) => sum + p.replayed, 0)} beslut`);
    } while (cursor);
    process.stderr.write('\n');
    const first = pages[0] as ReplayPage;
    process.stdout.write(describeReplay({ ruleSet: first.ruleSet, from: first.from, to: first.to, pages: pages.length }, mergeReplayPairs(pages.map((p) => p.pairs)), { allReferences: values.alla === true }));
    break;
  }
  default:
    process.stderr.write('Användning: npm run -s rules -- list | show ID | test | compare ID [ANNAT_ID] | coverage [ID] | replay ID --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD [--limit N] [--alla]\n');
    process.exit(EXIT_BAD_INPUT);
}

/** Bad input as the API answers it (problem+json, exit 2); an unknown rule set in one line. */
function badInput(error: unknown): never {
  if (error instanceof ValidationError) printProblem(domainProblem(error));
  if (error instanceof DomainError && error.code === 'NOT_FOUND') {
    process.stderr.write(`${error.message} Se npm run -s rules -- list\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  throw error;
}

function orBadInput<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    return badInput(error);
  }
}
