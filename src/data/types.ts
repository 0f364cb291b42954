/**
 * The data contract every panel reads through. A host implements
 * {@link CreditDataSource} once for its backend (or uses the built-in
 * `MemoryDataSource` / `RestDataSource`) and every element works.
 *
 * Conventions used throughout:
 * - Calendar dates are `YYYY-MM-DD` strings in the **account time zone**;
 *   ranges are inclusive at both ends.
 * - Amounts are in **credits**; display units are a presentation concern.
 * - Every method takes an optional `AbortSignal`; an aborted call rejects.
 */

/** A calendar date, `YYYY-MM-DD`, in the account time zone. */
export type IsoDate = string;

/** The dimensions usage can be grouped and filtered by. */
export type Dimension = 'member' | 'workspace' | 'workspaceKind' | 'reason';

/** The period a usage row covers. */
export type Granularity = 'day' | 'month' | 'total';

/**
 * How an organisation spends credits.
 * - `shared-pool`: every workspace draws on the primary workspace's balance.
 * - `workspace-budget`: each workspace spends its own allocation.
 */
export type CreditMode = 'shared-pool' | 'workspace-budget';

export type WorkspaceKind = 'team' | 'personal';

/** The viewer's role. Only `owner` and `admin` may change allocations. */
export type Role = 'owner' | 'admin' | 'manager' | 'member' | 'viewer';

/** A display unit: `perCredit` of them make one credit (1 credit = 600 conversations). */
export interface DisplayUnit {
  id: string;
  label: string;
  perCredit: number;
}

/** What credits are spent on: chat, image, speech, OCR, workflow runs … */
export interface ReasonInfo {
  id: string;
  label: string;
}

export interface AccountInfo {
  name: string;
  /** IANA time zone; every day boundary is in this zone. */
  timeZone: string;
  /** Day of the month a billing period starts (1–31; clamps to the month's last day). */
  billingCycleDay: number;
  /** Credits included per billing month, drawn as the allowance line. */
  monthlyAllowance?: number;
  /** Account-wide daily credit limit, drawn as the daily limit line. */
  dailyLimit?: number;
  /** Display units besides credits. */
  units: DisplayUnit[];
  reasons: ReasonInfo[];
  role: Role;
}

/** One metered use of credits, as a backend records it. */
export interface UsageEvent {
  /** ISO 8601 instant (with `Z` or an offset) or epoch milliseconds. */
  time: string | number;
  credits: number;
  memberId: string;
  workspaceId: string;
  reason: string;
}

export interface Member {
  id: string;
  email?: string;
  name?: string;
  /** Per-member daily credit limit. */
  dailyLimit?: number;
}

export interface Workspace {
  id: string;
  name: string;
  kind: WorkspaceKind;
  /** Exactly one workspace is primary: it holds the credits not allocated elsewhere. */
  primary?: boolean;
  /** Credits allocated to this workspace (workspace-budget mode; ignored for the primary). */
  allocated?: number;
}

/** Id lists per dimension; a row must match every listed dimension. */
export type UsageFilter = Partial<Record<Dimension, string[]>>;

export interface UsageQuery {
  start: IsoDate;
  end: IsoDate;
  granularity: Granularity;
  groupBy?: Dimension;
  filter?: UsageFilter;
  /** Keep the N largest groups (by total over the range); sum the rest into {@link OTHERS_KEY}. */
  top?: number;
}

/** The key the groups beyond `top` are summed into. */
export { OTHERS_KEY } from '../core/series.js';

export interface UsageRow {
  /** `YYYY-MM-DD` (day), `YYYY-MM` (billing month, named by the month it starts in) or `'total'`. */
  period: string;
  /** The group's id, or `null` without `groupBy`. */
  key: string | null;
  credits: number;
}

export interface UsageResult {
  /** Flat rows; periods with no usage may be omitted. */
  rows: UsageRow[];
  /** Display labels for the keys in `rows`. */
  labels: Record<string, string>;
  /** ISO instant the data was computed. */
  refreshedAt: string;
}

export interface WorkspaceAllocation {
  id: string;
  name: string;
  kind: WorkspaceKind;
  primary: boolean;
  /** Credits this workspace may spend in total (used + remaining). */
  allocated: number;
  used: number;
  /** What is left to spend; in shared-pool mode the pool's balance sits on the primary. */
  remaining: number;
  usedByReason: Record<string, number>;
  /** Usage is blocked: nothing left in its budget (or in the pool). */
  blocked: boolean;
}

export interface Allocation {
  mode: CreditMode;
  totalCredits: number;
  primaryWorkspaceId: string;
  workspaces: WorkspaceAllocation[];
  /** Credits consumed by workspaces that have since been deleted. */
  usedByDeleted: number;
}

export interface TransferRequest {
  fromWorkspaceId: string;
  toWorkspaceId: string;
  amount: number;
  /** One key per attempt: a repeated key never transfers twice. */
  idempotencyKey?: string;
}

export type MemberSort = 'total' | 'member' | (string & {});

export interface MemberQuery {
  start: IsoDate;
  end: IsoDate;
  /** `'total'`, `'member'` (by display name) or a reason id. */
  sort: MemberSort;
  direction: 'asc' | 'desc';
  /** Case-insensitive match on email, name or id. */
  search?: string;
  filter?: UsageFilter;
  offset: number;
  limit: number;
}

export interface MemberUsage {
  id: string;
  email?: string;
  name?: string;
  byReason: Record<string, number>;
  total: number;
  dailyLimit?: number;
  /** The member's highest single-day usage in the range. */
  peakDaily?: number;
}

export interface MemberPage {
  members: MemberUsage[];
  /** How many members match the query in all. */
  total: number;
}

/**
 * The one interface every panel reads through. Optional methods are
 * capabilities: when present, the UI offers the action.
 */
export interface CreditDataSource {
  getAccount(signal?: AbortSignal): Promise<AccountInfo>;
  queryUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResult>;
  getAllocation(signal?: AbortSignal): Promise<Allocation>;
  queryMembers(query: MemberQuery, signal?: AbortSignal): Promise<MemberPage>;
  transferCredits?(transfer: TransferRequest, signal?: AbortSignal): Promise<Allocation>;
  setCreditMode?(mode: CreditMode, signal?: AbortSignal): Promise<Allocation>;
  deleteWorkspace?(workspaceId: string, signal?: AbortSignal): Promise<Allocation>;
  setMemberLimit?(memberId: string, limit: number | null, signal?: AbortSignal): Promise<void>;
  /** Calls `onChange` whenever the data changes; returns the unsubscribe function. */
  subscribe?(onChange: () => void): () => void;
}
