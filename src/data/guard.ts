/**
 * `guardSource(source)`: the same data source with every answer checked at
 * the boundary. Elements read through it, so a host adapter that answers a
 * wrong field gets an error naming that field in the panel — never a blank
 * panel or an exception further in.
 */
import type {
  AccountInfo,
  Allocation,
  CreditDataSource,
  CreditMode,
  MemberPage,
  MemberQuery,
  TransferRequest,
  UsageQuery,
  UsageResult,
} from './types.js';
import {
  validateAccount,
  validateAllocation,
  validateMemberPage,
  validateMemberQuery,
  validateUsageQuery,
  validateUsageResult,
} from './validate.js';

const guarded = new WeakMap<CreditDataSource, CreditDataSource>();
const GUARDED = Symbol.for('credit-usage-elements/guarded');

/** Wraps a source so every query is checked before it is sent and every answer when it arrives. */
export function guardSource(source: CreditDataSource): CreditDataSource {
  if ((source as { [GUARDED]?: boolean })[GUARDED]) return source;
  let wrapper = guarded.get(source);
  if (wrapper) return wrapper;
  let account: AccountInfo | undefined;
  const where = (method: string) => ({ where: method });
  wrapper = {
    [GUARDED]: true,
    async getAccount(signal?: AbortSignal) {
      account = validateAccount(await source.getAccount(signal), where('getAccount'));
      return account;
    },
    async queryUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResult> {
      validateUsageQuery(query);
      const result = await source.queryUsage(query, signal);
      return validateUsageResult(result, query, where('queryUsage'), {
        billingCycleDay: account?.billingCycleDay,
        reasons: account?.reasons.map((r) => r.id),
      });
    },
    async getAllocation(signal?: AbortSignal): Promise<Allocation> {
      return validateAllocation(await source.getAllocation(signal), where('getAllocation'));
    },
    async queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage> {
      validateMemberQuery(query);
      return validateMemberPage(await source.queryMembers(query, signal), query, where('queryMembers'));
    },
  } as CreditDataSource & { [GUARDED]: true };
  // Optional capabilities stay optional: offered only when the source has them.
  if (source.transferCredits) {
    wrapper.transferCredits = async (t: TransferRequest, signal?: AbortSignal) =>
      validateAllocation(await source.transferCredits!(t, signal), where('transferCredits'));
  }
  if (source.setCreditMode) {
    wrapper.setCreditMode = async (mode: CreditMode, signal?: AbortSignal) =>
      validateAllocation(await source.setCreditMode!(mode, signal), where('setCreditMode'));
  }
  if (source.deleteWorkspace) {
    wrapper.deleteWorkspace = async (id: string, signal?: AbortSignal) =>
      validateAllocation(await source.deleteWorkspace!(id, signal), where('deleteWorkspace'));
  }
  if (source.setMemberLimit) wrapper.setMemberLimit = (id, limit, signal) => source.setMemberLimit!(id, limit, signal);
  if (source.subscribe) wrapper.subscribe = (onChange) => source.subscribe!(onChange);
  guarded.set(source, wrapper);
  return wrapper;
}
