/**
 * `checkAdapter(source, range)`: asks an adapter every kind of read question
 * and runs each answer through the validators the elements use. Resolves when
 * every answer keeps the contract; rejects with the first `DataSourceError`
 * (code `invalid-response`), whose message names the method and the field.
 */
import {
  validateAccount,
  validateAllocation,
  validateMemberPage,
  validateUsageResult,
  type CreditDataSource,
  type Dimension,
  type Granularity,
  type MemberQuery,
  type UsageQuery,
} from '../../src/data/index.js';

export async function checkAdapter(source: CreditDataSource, range: { start: string; end: string }): Promise<void> {
  const account = validateAccount(await source.getAccount(), { where: 'getAccount' });
  const context = { billingCycleDay: account.billingCycleDay, reasons: account.reasons.map((r) => r.id) };

  const granularities: Granularity[] = ['day', 'month', 'total'];
  const groupings: (Dimension | undefined)[] = [undefined, 'member', 'workspace', 'workspaceKind', 'reason'];
  for (const granularity of granularities) {
    for (const groupBy of groupings) {
      const queries: UsageQuery[] = [{ ...range, granularity, groupBy }];
      if (groupBy) queries.push({ ...range, granularity, groupBy, top: 3 });
      for (const query of queries) {
        if (query.groupBy === undefined) delete query.groupBy;
        validateUsageResult(await source.queryUsage(query), query, { where: `queryUsage(${JSON.stringify(query)})` }, context);
      }
    }
  }

  validateAllocation(await source.getAllocation(), { where: 'getAllocation' });

  const members: MemberQuery = { ...range, sort: 'total', direction: 'desc', offset: 0, limit: 50 };
  validateMemberPage(await source.queryMembers(members), members, { where: 'queryMembers' });
}
