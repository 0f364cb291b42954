/**
 * What `<credit-dashboard>` shares with every panel inside it. One immutable
 * object: the dashboard replaces it on every change, and panels consuming
 * it with `subscribe: true` update.
 */
import { ContextRoot, createContext } from '@lit/context';
import type { AccountInfo, CreditDataSource } from '../data/types.js';
import type { CreditStrings } from './strings.js';

/** The dashboard's current focus: a day, a workspace or a reason (or none). */
export interface Selection {
  day?: string;
  workspace?: string;
  reason?: string;
}

export interface DashboardState {
  dataSource?: CreditDataSource;
  /** The account, loaded once by the dashboard for every panel. */
  account?: AccountInfo;
  /** The range in its string form (`30d`, `billing-month`, `2026-10-01/2026-10-31`); each panel resolves it in the time zone. */
  range?: string;
  timeZone?: string;
  locale?: string;
  /** A display unit id from the account's units, or `credit`. */
  unit?: string;
  theme?: 'light' | 'dark';
  selection: Selection;
  /** Replacement strings for every panel. */
  strings?: Partial<CreditStrings>;
  /** The current instant (epoch ms), when pinned for tests and demos. */
  now?: number;
  /** Bumped by `refresh()`: every panel reloads. */
  revision: number;
}

export const dashboardContext = createContext<DashboardState | undefined>(Symbol.for('credit-usage-elements/dashboard'));

/**
 * Panels written inside a dashboard in plain HTML may be upgraded before the
 * dashboard is (tags register in import order): a context root on the
 * document holds their requests and answers them once the dashboard
 * appears. One root per page, even with two copies of the library.
 */
const ROOT = Symbol.for('credit-usage-elements/context-root');
if (typeof document !== 'undefined' && !(globalThis as Record<symbol, unknown>)[ROOT]) {
  (globalThis as Record<symbol, unknown>)[ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}
