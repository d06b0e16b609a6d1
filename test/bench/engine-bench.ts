/**
 * The cost of a proposal (validation, rule-set choice, json-rules-engine and the three-valued
 * explanation) beside a bare json-rules-engine run of the same criteria on the same facts.
 */
import { readFileSync } from 'node:fs';
import { Engine } from 'json-rules-engine';
import { compile } from '../../functions/domain/engine';
import { toEngineFacts, evaluationRequestSchema } from '../../functions/domain/facts';
import { propose } from '../../functions/domain/propose';
import type { ConditionNode } from '../../functions/domain/rule-set-schema';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { round, time } from './stats';

function bare(node: ConditionNode): unknown {
  if ('all' in node) return { all: node.all.map(bare) };
  if ('any' in node) return { any: node.any.map(bare) };
  if ('not' in node) return { not: bare(node.not) };
  return { fact: node.fact, operator: node.operator, value: node.value };
}

export async function benchEngine(runs = 3000): Promise<Record<string, number>> {
  const catalog = loadCatalog();
  const body = JSON.parse(readFileSync(new URL('../fixtures/requests/grant.json', import.meta.url), 'utf8'));
  const request = evaluationRequestSchema.parse(body);
  const published = catalog.forDate(request.decisionDate as never);
  compile(published);

  // The same rules a hand-written json-rules-engine setup would have: one rule per criterion.
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, p] of Object.entries(published.ruleSet.parameters)) engine.addFact(`param.${name}`, p.value);
  for (const c of published.ruleSet.criteria) {
    const conditions = bare(c.conditions) as Record<string, unknown>;
    engine.addRule({ conditions: ('fact' in conditions ? { all: [conditions] } : conditions) as never, event: { type: c.id } });
  }
  const facts = Object.fromEntries(Object.entries(toEngineFacts(request).facts).filter(([, v]) => v !== undefined));

  const bareTiming = await time(() => engine.run(facts), runs);
  const proposeTiming = await time(() => propose(catalog, body), runs);
  return {
    'engine.bareJsonRulesEngine.medianMs': round(bareTiming.medianMs),
    'engine.propose.medianMs': round(proposeTiming.medianMs),
    'engine.propose.p99Ms': round(proposeTiming.p99Ms),
    'engine.ratio': round(proposeTiming.medianMs / bareTiming.medianMs, 2),
    'engine.runs': runs,
  };
}
