/**
 * CloudWatch metrics in the embedded metric format (EMF), from Powertools' Metrics: written as
 * JSON lines to standard output, turned into metrics by CloudWatch Logs. They count what the
 * service did (proposals and signed decisions per outcome, letters rendered and how long one
 * took), never who it was done for: the only dimensions are the service, the outcome and (for a
 * cold start) the function's name.
 *
 * A handler records a metric; middy's logMetrics (handler.ts) publishes what was recorded when the
 * invocation ends.
 */
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { DecisionView } from '../domain/cases/runner';
import { logger } from './logger';
import { METRICS_NAMESPACE, SERVICE_NAME } from './powertools-env';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
  // Metrics' own notices, chiefly "no application metrics to publish" after every request that
  // recorded none (most routes, and every refused request), go to the structured log at DEBUG
  // instead of a plain-text line each.
  logger: {
    debug: (message: string) => logger.debug(message),
    info: (message: string) => logger.debug(message),
    warn: (message: string) => logger.debug(message),
    error: (message: string) => logger.error(message),
  },
});

/** Metric names, as they appear in CloudWatch under the namespace. */
export const METRIC = {
  proposals: 'Proposals',
  signedDecisions: 'SignedDecisions',
  lettersRendered: 'LettersRendered',
  letterRenderMs: 'LetterRenderMs',
} as const;

/**
 * A count per outcome: its own EMF line with the `outcome` dimension (Powertools' singleMetric),
 * so the letter metrics recorded in the same invocation keep the service as their only dimension.
 */
function countByOutcome(name: string, outcome: string): void {
  metrics.singleMetric().addDimension('outcome', outcome).addMetric(name, MetricUnit.Count, 1);
}

/**
 * A retry with the same Idempotency-Key answers with the decision written the first time; it is
 * counted only when it was written by this request, that is not before the request began.
 */
const writtenSince = (at: string | undefined, startedAt: Date) => at !== undefined && Date.parse(at) >= startedAt.getTime();

/** A proposal made (create or reconsider), per proposed outcome: GRANT, REFUSE, REFER or INCOMPLETE. */
export function countProposal(view: DecisionView, startedAt: Date): void {
  if (writtenSince(view.decision.proposedAt, startedAt)) countByOutcome(METRIC.proposals, view.decision.proposal.outcome);
}

/** A decision signed by a delegate, per final outcome: GRANT, PARTIAL, REFUSE or REFER. */
export function countSignedDecision(view: DecisionView, startedAt: Date): void {
  const signed = view.decision.signed;
  if (signed && writtenSince(signed.at, startedAt)) countByOutcome(METRIC.signedDecisions, signed.finalOutcome);
}

/** The letter renderer, timed: every letter rendered is counted and its rendering time recorded. */
export function measured<A, R extends { ok: boolean }>(render: (input: A) => Promise<R>): (input: A) => Promise<R> {
  return async function renderMeasured(input: A): Promise<R> {
    const started = performance.now();
    const result = await render(input);
    if (result.ok) {
      metrics.addMetric(METRIC.letterRenderMs, MetricUnit.Milliseconds, performance.now() - started);
      metrics.addMetric(METRIC.lettersRendered, MetricUnit.Count, 1);
    }
    return result;
  };
}
