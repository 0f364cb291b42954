/**
 * The demo's organisations: which `generateDemoData` options each choice
 * means, a compact form to hand a large one from a worker to the page, and
 * the events the "live" toggle adds. No DOM here.
 */
import type { DemoDataOptions } from '../src/data/demo-data.js';
import type { MemoryDataSourceOptions } from '../src/data/memory.js';
import type { AccountInfo, CreditMode, Member, UsageEvent, Workspace } from '../src/data/types.js';
import type { DemoState, Size } from './controls.js';

/** Members and workspaces of each data-set size. */
export const SIZE_OPTIONS: Readonly<Record<Size, Pick<DemoDataOptions, 'members' | 'workspaces' | 'events'>>> = Object.freeze({
  small: { members: 8, workspaces: 3 },
  standard: { members: 60, workspaces: 8 },
  large: { members: 10_000, workspaces: 24, events: 400_000 },
});

/** The `generateDemoData` options of the organisation a state shows. */
export function demoDataOptions(state: Pick<DemoState, 'size' | 'timeZone' | 'condition'>, now?: number): DemoDataOptions {
  return {
    seed: 2026,
    months: 13,
    ...SIZE_OPTIONS[state.size],
    ...(state.timeZone === 'account' ? {} : { timeZone: state.timeZone }),
    ...(state.condition === 'empty' ? { empty: true } : {}),
    ...(now === undefined ? {} : { now }),
  };
}

/** An organisation by name, as the playground and the one-panel page offer them: a size, or `empty` (the small team before any usage). */
export type Organisation = Size | 'empty';

/** The `generateDemoData` options of a named organisation, in the account's own time zone. */
export function organisationOptions(organisation: Organisation, now?: number): DemoDataOptions {
  const empty = organisation === 'empty';
  return demoDataOptions({ size: empty ? 'small' : organisation, timeZone: 'account', condition: empty ? 'empty' : 'normal' }, now);
}

// ------------------------------------------------------------------ worker hand-over

/**
 * Generated data with the events as columns: typed arrays move from a worker
 * to the page without copying, where 400,000 event objects would take
 * seconds to clone.
 */
export interface PackedDemoData {
  account: AccountInfo;
  members: Member[];
  workspaces: Workspace[];
  totalCredits: number;
  mode?: CreditMode;
  time: Float64Array;
  credits: Float64Array;
  member: Uint32Array;
  workspace: Uint32Array;
  reason: Uint32Array;
}

/** Packs generated data (events with epoch-ms times) into columns; `transfer` lists the buffers to move. */
export function packDemoData(data: MemoryDataSourceOptions): { packed: PackedDemoData; transfer: ArrayBuffer[] } {
  const n = data.events.length;
  const memberIndex = new Map(data.members.map((m, i) => [m.id, i]));
  const workspaceIndex = new Map(data.workspaces.map((w, i) => [w.id, i]));
  const reasonIndex = new Map(data.account.reasons.map((r, i) => [r.id, i]));
  const packed: PackedDemoData = {
    account: data.account,
    members: data.members,
    workspaces: data.workspaces,
    totalCredits: data.totalCredits,
    mode: data.mode,
    time: new Float64Array(n),
    credits: new Float64Array(n),
    member: new Uint32Array(n),
    workspace: new Uint32Array(n),
    reason: new Uint32Array(n),
  };
  data.events.forEach((e, i) => {
    const time = typeof e.time === 'number' ? e.time : Date.parse(e.time);
    const m = memberIndex.get(e.memberId);
    const w = workspaceIndex.get(e.workspaceId);
    const r = reasonIndex.get(e.reason);
    if (m === undefined || w === undefined || r === undefined || !Number.isFinite(time)) {
      throw new RangeError(`event ${i} names an unknown member, workspace or reason, or has a bad time`);
    }
    packed.time[i] = time;
    packed.credits[i] = e.credits;
    packed.member[i] = m;
    packed.workspace[i] = w;
    packed.reason[i] = r;
  });
  const transfer = [packed.time, packed.credits, packed.member, packed.workspace, packed.reason].map((a) => a.buffer as ArrayBuffer);
  return { packed, transfer };
}

/**
 * Unpacks columns back into the options `MemoryDataSource` takes, `chunk`
 * events at a time with `pause()` between chunks, so the page stays
 * responsive while a large organisation is rebuilt.
 */
export async function unpackDemoData(
  packed: PackedDemoData,
  { chunk = 50_000, pause = () => Promise.resolve() }: { chunk?: number; pause?: () => Promise<void> } = {},
): Promise<MemoryDataSourceOptions> {
  const { members, workspaces, account } = packed;
  const n = packed.time.length;
  const events: UsageEvent[] = new Array(n);
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) {
      events[i] = {
        time: packed.time[i],
        credits: packed.credits[i],
        memberId: members[packed.member[i]].id,
        workspaceId: workspaces[packed.workspace[i]].id,
        reason: account.reasons[packed.reason[i]].id,
      };
    }
    if (end < n) await pause();
  }
  return { account, members, workspaces, events, totalCredits: packed.totalCredits, ...(packed.mode ? { mode: packed.mode } : {}) };
}

// ------------------------------------------------------------------ live usage

/** Costs of one use, per reason, as the demo data draws them. */
const LIVE_COST: Record<string, [number, number]> = { chat: [1, 5], image: [6, 16], speech: [2, 8], ocr: [4, 12], workflow: [10, 30] };

/**
 * A few usage events at `now`, as the "live" toggle adds them: `count`
 * events by random members in random workspaces, mostly chat.
 */
export function liveEvents(
  data: Pick<MemoryDataSourceOptions, 'members' | 'workspaces' | 'account'>,
  now: number,
  random: () => number = Math.random,
  count = 1 + Math.floor(random() * 4),
): UsageEvent[] {
  const pick = <T>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(random() * list.length))];
  const reasons = data.account.reasons;
  const events: UsageEvent[] = [];
  for (let i = 0; i < count; i++) {
    const reason = random() < 0.6 ? (reasons.find((r) => r.id === 'chat') ?? pick(reasons)) : pick(reasons);
    const [lo, hi] = LIVE_COST[reason.id] ?? [1, 10];
    events.push({
      // A little spread, never in the future.
      time: now - Math.floor(random() * 1000),
      credits: lo + Math.floor(random() * (hi - lo + 1)),
      memberId: pick(data.members).id,
      workspaceId: pick(data.workspaces).id,
      reason: reason.id,
    });
  }
  return events;
}
