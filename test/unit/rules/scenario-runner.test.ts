import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type IsoDate, ageOn, todayInStockholm } from '../../../functions/domain/dates';
import { parseIdentityNumber } from '../../../functions/domain/personnummer';
import { RuleSetCatalog, publishRuleSet } from '../../../functions/domain/rule-set-catalog';
import { DEFAULT_RULES_DIR } from '../../../functions/rule-sets/load-files';
import { parseScenarioFile, personnummerForAge, runScenario, scenarioRequest } from '../../../functions/rule-sets/scenarios';

/**
 * The runner's behaviour, independent of the law in the published rule sets: the 2001:453 rule
 * set until 2025-06-30 and an identical successor, `fixture-successor`, from 2025-07-01.
 */
const catalog = (() => {
  const read = () => parse(readFileSync(join(DEFAULT_RULES_DIR, 'jobbtorg-sis-sol2001', 'rule-set.yaml'), 'utf8')) as Record<string, unknown>;
  const successor: Record<string, unknown> = { ...read(), id: 'fixture-successor', validFrom: '2025-07-01' };
  delete successor.validTo;
  return new RuleSetCatalog([publishRuleSet(read(), 'a/rule-set.yaml'), publishRuleSet(successor, 'b/rule-set.yaml')]);
})();

/** A scenario file as a reviewer writes it, with one eligible young man as the profile. */
const file = (scenarios: string, ruleSet = 'fixture-successor') =>
  parseScenarioFile(
    `ruleSet: ${ruleSet}
profiles:
  eligibleYoung:
    reachedThroughOutreach: true
    working: false
    studying: false
    woman: false
    forsorjningsstod: false
    socialServicesContact: NONE
    apparentEntitlementNeed: { present: false }
    assessedNeed: { level: DEEPER_INDIVIDUAL_SUPPORT, grounds: Saknar gymnasiebetyg och behöver stöd över tid. }
    requestedPeriod: { from: 2025-10-01, to: 2026-03-31 }
scenarios:
${scenarios}`,
    'test.yaml',
  );

const run = async (scenarios: string, options: { today?: IsoDate; ruleSet?: string } = {}) => {
  const f = file(scenarios, options.ruleSet);
  return runScenario(catalog, f, f.scenarios[0] as (typeof f.scenarios)[number], { today: options.today });
};

describe('the expected rule set of a scenario', () => {
  it('passes when the catalog chooses the rule set the scenario names for its decision date', async () => {
    const result = await run(`
  - name: Dagen före bytet av lag
    decisionDate: 2025-06-30
    personnummer: 20010120-9823
    profile: eligibleYoung
    expect: { ruleSet: jobbtorg-sis-sol2001, outcome: GRANT }`);
    expect(result.failures).toEqual([]);
  });

  it('fails, naming both rule sets, when the catalog chooses another one than the scenario expects', async () => {
    const result = await run(`
  - name: Första dagen med den nya lagen
    decisionDate: 2025-07-01
    personnummer: 20010120-9823
    profile: eligibleYoung
    expect: { ruleSet: jobbtorg-sis-sol2001, outcome: GRANT }`);
    expect(result.passed).toBe(false);
    expect(result.failures).toEqual(['använde regelverket fixture-successor, väntade jobbtorg-sis-sol2001']);
  });

  it("expects the file's own rule set when the scenario names none", async () => {
    const result = await run(`
  - name: Ett beslut före regelverkets första dag
    decisionDate: 2025-06-30
    personnummer: 20010120-9823
    profile: eligibleYoung
    expect: { outcome: GRANT }`);
    expect(result.failures).toEqual(['använde regelverket jobbtorg-sis-sol2001, väntade fixture-successor']);
  });
});

describe('a scenario dated today', () => {
  it('runs on the date given as today, and says so when it fails', async () => {
    const scenario = `
  - name: Ett beslut i dag
    decisionDate: today
    age: 24
    profile: eligibleYoung
    expect: { outcome: REFUSE }`;
    const f = file(scenario);
    const request = scenarioRequest(f, f.scenarios[0]!, { today: '2026-03-09' as IsoDate }) as { decisionDate: string; applicant: { personnummer: string } };
    expect(request.decisionDate).toBe('2026-03-09');

    const result = await run(scenario, { today: '2026-03-09' as IsoDate });
    expect(result.failures).toEqual([
      'utfall GRANT, väntade REFUSE',
      `(kördes med beslutsdatum 2026-03-09 och personnummer ${request.applicant.personnummer})`,
    ]);
  });

  it("is today's date in Stockholm when no date is given", () => {
    const f = file(`
  - name: Ett beslut i dag
    decisionDate: today
    age: 40
    expect: { outcome: REFUSE }`);
    expect((scenarioRequest(f, f.scenarios[0]!) as { decisionDate: string }).decisionDate).toBe(todayInStockholm());
  });

  it('chooses the rule set in force on that day', async () => {
    const before = await run(
      `
  - name: Ett beslut i dag, när i dag är den sista dagen med 2001 års lag
    decisionDate: today
    age: 24
    profile: eligibleYoung
    expect: { ruleSet: jobbtorg-sis-sol2001, outcome: GRANT }`,
      { today: '2025-06-30' as IsoDate },
    );
    expect(before.failures).toEqual([]);
  });
});

describe('an applicant given by age', () => {
  const dates = ['2025-07-01', '2025-08-31', '2026-02-28', '2028-02-29', '2025-12-31', '2026-01-01'] as IsoDate[];

  it.each(dates)('is a valid personnummer with serial 98x for someone exactly that age on %s', (decisionDate) => {
    for (const age of [0, 18, 19, 29, 30, 42, 99]) {
      const number = personnummerForAge(age, decisionDate);
      expect(number).toMatch(/^\d{8}-98\d\d$/);
      const parsed = parseIdentityNumber(number, decisionDate);
      expect(parsed.ok, number).toBe(true);
      if (parsed.ok) expect(ageOn(parsed.value.birthDate, decisionDate), number).toBe(age);
    }
  });

  it('is never a birthday, so the age is not a boundary case', () => {
    const number = personnummerForAge(24, '2025-09-15' as IsoDate);
    expect(number.slice(0, 8)).toBe('20010315');
  });
});

describe('the scenario file schema', () => {
  const problems = (scenario: string) => {
    try {
      file(scenario);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('requires either a personnummer or an age, not both and not neither', () => {
    expect(problems(`
  - name: Båda
    decisionDate: 2025-09-15
    personnummer: 20010120-9823
    age: 24
    expect: { outcome: GRANT }`)).toMatch(/scenarios\.0\.personnummer: Ange antingen personnummer eller age/);
    expect(problems(`
  - name: Ingen
    decisionDate: 2025-09-15
    expect: { outcome: GRANT }`)).toMatch(/scenarios\.0\.personnummer: Ange antingen personnummer eller age/);
  });

  it('accepts only a calendar date or the word today as decision date', () => {
    expect(problems(`
  - name: I morgon
    decisionDate: tomorrow
    age: 24
    expect: { outcome: GRANT }`)).toMatch(/scenarios\.0\.decisionDate/);
  });

  it('rejects an unknown key under expect, so a misspelt expectation cannot pass silently', () => {
    expect(problems(`
  - name: Felstavat
    decisionDate: 2025-09-15
    age: 24
    expect: { ruleset: fixture-successor }`)).toMatch(/scenarios\.0\.expect\.ruleset: Fältet 'ruleset' finns inte/);
  });

  it('rejects an age that is not a whole number of years', () => {
    expect(problems(`
  - name: Halvår
    decisionDate: 2025-09-15
    age: 24.5
    expect: { outcome: GRANT }`)).toMatch(/scenarios\.0\.age/);
  });
});
