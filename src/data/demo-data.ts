/**
 * `generateDemoData`: a deterministic, realistic organisation for the demo,
 * the tests and the benchmarks. The same options always give the same data.
 */
import { MS_PER_DAY, startOfZonedDay, zonedDay } from '../core/time.js';
import type { MemoryDataSourceOptions } from './memory.js';
import type { AccountInfo, Member, UsageEvent, Workspace } from './types.js';

export interface DemoDataOptions {
  /** Same seed, same data. */
  seed?: number;
  /** Number of members (default 40). */
  members?: number;
  /** Number of workspaces, the primary included (default 6). */
  workspaces?: number;
  /** Months of history up to `now` (default 12). */
  months?: number;
  /** Roughly how many events in all (default: ~4 per active member-day). */
  events?: number;
  /** The last instant of data (default: now). Pin it for reproducible tests. */
  now?: number;
  timeZone?: string;
  billingCycleDay?: number;
  /** Leave out all events: an organisation that has used nothing yet. */
  empty?: boolean;
}

/** Deterministic PRNG (mulberry32): fast, and good enough for plausible data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ana', 'Ben', 'Chen', 'Dana', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Alvarez', 'Brooks', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Yilmaz', 'Zhang'];
const TEAMS = ['Marketing', 'Research', 'Support', 'Sales', 'Design', 'Data Science', 'Legal', 'Finance', 'Engineering', 'Operations', 'Client: Acme', 'Client: Globex'];

/** Reason ids with their label and the credits one use typically costs. */
const REASONS = [
  { id: 'chat', label: 'Chat', cost: [1, 5], weight: 0.64 },
  { id: 'image', label: 'Image', cost: [6, 16], weight: 0.12 },
  { id: 'speech', label: 'Speech', cost: [2, 8], weight: 0.1 },
  { id: 'ocr', label: 'OCR', cost: [4, 12], weight: 0.08 },
  { id: 'workflow', label: 'Workflow runs', cost: [10, 30], weight: 0.06 },
] as const;

/** The demo account: five reasons, a conversation display unit, an admin viewer. */
export function demoAccount(timeZone = 'America/Los_Angeles', billingCycleDay = 1): AccountInfo {
  return {
    name: 'Northwind Labs',
    timeZone,
    billingCycleDay,
    units: [{ id: 'conversation', label: 'conversations', perCredit: 600 }],
    reasons: REASONS.map(({ id, label }) => ({ id, label })),
    role: 'admin',
  };
}

/**
 * A plausible organisation: a primary plus team and personal workspaces,
 * weekday rhythm with quiet weekends, a few spikes, members near their daily
 * limit, one exhausted workspace and some members known only by id.
 */
export function generateDemoData(options: DemoDataOptions = {}): MemoryDataSourceOptions {
  const {
    seed = 1,
    members: memberCount = 40,
    workspaces: workspaceCount = 6,
    months = 12,
    now = Date.now(),
    timeZone = 'America/Los_Angeles',
    billingCycleDay = 1,
    empty = false,
  } = options;
  if (!Number.isInteger(memberCount) || memberCount < 1) throw new RangeError(`members must be a whole number ≥ 1, got ${memberCount}`);
  if (!Number.isInteger(workspaceCount) || workspaceCount < 1) throw new RangeError(`workspaces must be a whole number ≥ 1, got ${workspaceCount}`);
  if (!(months > 0)) throw new RangeError(`months must be > 0, got ${months}`);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const account = demoAccount(timeZone, billingCycleDay);

  // Members: most with an email, some with only a name, a few known by id alone.
  const members: Member[] = [];
  const emails = new Set<string>();
  const hex = () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
  for (let i = 0; i < memberCount; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const id = `u_${hex()}${hex()}`;
    const member: Member = { id };
    // Every 10th member has no email (shown by name), every 25th neither (shown by a short id).
    const idOnly = i % 25 === 12;
    if (i % 10 !== 3 && !idOnly) {
      let email = `${first}.${last}@northwind.example`.toLowerCase();
      if (emails.has(email)) email = email.replace('@', `${i}@`);
      emails.add(email);
      member.email = email;
    }
    if (!idOnly) member.name = `${first} ${last}`;
    members.push(member);
  }

  // Workspaces: the primary, then teams, with every third one personal.
  const workspaces: Workspace[] = [{ id: 'ws_primary', name: 'Northwind (primary)', kind: 'team', primary: true }];
  for (let i = 1; i < workspaceCount; i++) {
    const personal = i % 3 === 0;
    const owner = members[(i * 7) % memberCount];
    workspaces.push({
      id: `ws_${i}`,
      name: personal ? `${(owner.name ?? 'Member').split(' ')[0]}'s workspace` : TEAMS[(i - 1) % TEAMS.length] + (i > TEAMS.length ? ` ${Math.ceil(i / TEAMS.length)}` : ''),
      kind: personal ? 'personal' : 'team',
    });
  }

  // Each member: an activity level (a few heavy users), a home workspace and a taste in reasons.
  const activity = members.map(() => Math.pow(random(), 2.2) * 3 + 0.05);
  const home = members.map((_, i) => (workspaceCount === 1 ? 0 : random() < 0.25 ? 0 : 1 + ((i + Math.floor(random() * 3)) % (workspaceCount - 1))));
  const taste = members.map(() => REASONS.map((r) => r.weight * (0.4 + random() * 1.2)));

  const lastDay = zonedDay(now, timeZone);
  const dayCount = Math.max(1, Math.round(months * 30.44));
  const firstDay = lastDay - dayCount + 1;
  const activitySum = activity.reduce((a, b) => a + b, 0);
  const target = options.events ?? Math.round(memberCount * dayCount * 1.6);
  const perDayBase = target / dayCount / 0.78; // weekends are quiet: average rhythm ≈ 0.78
  const spikes = new Set<number>();
  for (let i = 0; i < Math.max(2, Math.round(dayCount / 45)); i++) spikes.add(firstDay + Math.floor(random() * dayCount));

  const events: UsageEvent[] = [];
  const cumulative: number[] = [];
  let acc = 0;
  for (const a of activity) cumulative.push((acc += a / activitySum));
  const dailyByMember = new Float64Array(memberCount);
  const used = new Float64Array(workspaceCount);
  const memberDays = new Float64Array(memberCount);

  if (!empty) {
    for (let day = firstDay; day <= lastDay; day++) {
      const weekday = new Date(day * MS_PER_DAY).getUTCDay();
      const rhythm = weekday === 0 || weekday === 6 ? 0.25 : 1;
      const growth = 0.75 + 0.5 * ((day - firstDay) / dayCount);
      const spike = spikes.has(day) ? 2.6 : 1;
      const count = Math.round(perDayBase * rhythm * growth * spike * (0.85 + random() * 0.3));
      const dayStart = startOfZonedDay(day, timeZone);
      const dayLength = startOfZonedDay(day + 1, timeZone) - dayStart;
      const endOfData = day === lastDay ? Math.min(dayLength, now - dayStart) : dayLength;
      const seen = new Set<number>();
      for (let k = 0; k < count; k++) {
        const u = random();
        const m = firstAtLeast(cumulative, u);
        const mix = taste[m];
        let pickReason = random() * mix.reduce((a, b) => a + b, 0);
        let r = 0;
        while (r < REASONS.length - 1 && (pickReason -= mix[r]) > 0) r++;
        const [lo, hi] = REASONS[r].cost;
        const credits = lo + Math.floor(random() * (hi - lo + 1)) * (spike > 1 && r === 4 ? 2 : 1);
        // Office hours are busiest: a triangular distribution around early afternoon.
        const hour = (random() + random()) / 2;
        const at = dayStart + Math.floor(hour * endOfData);
        const ws = random() < 0.85 ? home[m] : Math.floor(random() * workspaceCount);
        events.push({ time: at, credits, memberId: members[m].id, workspaceId: workspaces[ws].id, reason: REASONS[r].id });
        used[ws] += credits;
        dailyByMember[m] += credits;
        if (!seen.has(m)) {
          seen.add(m);
          memberDays[m]++;
        }
      }
    }
  }

  // Daily limits for a quarter of the members; some set just above what they use.
  members.forEach((member, i) => {
    if (i % 4 !== 1 || memberDays[i] === 0) return;
    const typical = dailyByMember[i] / memberDays[i];
    member.dailyLimit = Math.max(10, Math.ceil((typical * (i % 8 === 1 ? 1.15 : 2.5)) / 10) * 10);
  });

  // Budgets: each workspace gets headroom over what it used; one team workspace is exactly exhausted.
  const exhausted = workspaces.findIndex((w, i) => i > 0 && w.kind === 'team' && used[i] > 0);
  let allocatedElsewhere = 0;
  for (let i = 1; i < workspaceCount; i++) {
    const budget = i === exhausted ? used[i] : Math.ceil((used[i] * (1.15 + random() * 0.6) + 200) / 100) * 100;
    workspaces[i].allocated = budget;
    allocatedElsewhere += budget;
  }
  const primaryBalance = Math.ceil((used[0] * 1.3 + 5000) / 1000) * 1000;
  const totalCredits = allocatedElsewhere + primaryBalance;

  // The allowance sits a little above the typical month: usage grows, so the later months go over it.
  const monthly = events.reduce((a, e) => a + e.credits, 0) / Math.max(1, months);
  if (monthly > 0) account.monthlyAllowance = Math.round((monthly * 1.1) / 100) * 100;

  return { account, members, workspaces, events, totalCredits, mode: 'workspace-budget' };
}

/** Index of the first entry ≥ `value` in an ascending list (the last one if none). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
