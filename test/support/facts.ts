/** Recorded facts of a young man who meets every criterion as a young adult; tests vary one field. */
export function eligibleFacts(overrides: Record<string, unknown> = {}) {
  return {
    reachedThroughOutreach: true,
    working: false,
    studying: false,
    woman: false,
    forsorjningsstod: false,
    socialServicesContact: 'NONE',
    apparentEntitlementNeed: { present: false },
    assessedNeed: {
      level: 'DEEPER_INDIVIDUAL_SUPPORT',
      grounds: 'Har inte arbetat eller studerat sedan gymnasiet och behöver stöd över tid.',
      areas: ['EDUCATION'],
    },
    consentToShareWithDistrictOffice: false,
    requestedPeriod: { from: '2024-09-02', to: '2025-02-28' },
    ...overrides,
  };
}
