/**
 * For legal reviewers: `npm run -s rules -- list | show ID | test`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { todayInStockholm } from '../../functions/domain/dates';
import { describeRuleSet } from '../../functions/domain/explain';
import { DEFAULT_RULES_DIR, loadCatalog } from '../../functions/rule-sets/load-files';
import { readScenarioFile, runScenario } from '../../functions/rule-sets/scenarios';
import { EXIT_BAD_INPUT } from './io';

const [command, id] = process.argv.slice(2);
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
  default:
    process.stderr.write('Användning: npm run -s rules -- list | show ID | test\n');
    process.exit(EXIT_BAD_INPUT);
}
