/**
 * One panel inside a dashboard, on generated data: for looking at a single
 * element (and for screenshots of it).
 *   panel.html?tag=credit-daily-chart&theme=dark&size=standard&group-by=member
 * Every other query parameter becomes an attribute of the panel.
 */
import '../src/index.js';
import { generateDemoData, MemoryDataSource } from '../src/data/index.js';
import { organisationOptions, SIZE_OPTIONS, type Organisation } from './datasets.js';

const params = new URLSearchParams(location.search);
const tag = params.get('tag') ?? 'credit-summary';
const theme = params.get('theme');
// The demo's own sizes, plus `empty`: the small organisation before any usage.
const size = params.get('size') ?? 'standard';
const organisation: Organisation = size === 'empty' || Object.hasOwn(SIZE_OPTIONS, size) ? (size as Organisation) : 'standard';
const now = params.has('now') ? Date.parse(params.get('now')!) : Date.UTC(2026, 10, 20, 18);
const source = new MemoryDataSource(generateDemoData(organisationOptions(organisation, now)));

const dashboard = document.createElement('credit-dashboard');
dashboard.dataSource = source;
dashboard.now = now;
if (theme === 'dark' || theme === 'light') {
  dashboard.theme = theme;
  document.documentElement.style.colorScheme = theme;
}
for (const [name, value] of params) {
  if (['tag', 'theme', 'size', 'now'].includes(name)) continue;
  if (name === 'locale') dashboard.locale = value;
  else if (name === 'range') dashboard.range = value;
}
const panel = document.createElement(tag);
for (const [name, value] of params) {
  if (!['tag', 'theme', 'size', 'now', 'locale', 'range'].includes(name)) panel.setAttribute(name, value);
}
dashboard.append(panel);
document.body.append(dashboard);

// Tell screenshot tools when the panel has settled.
const settled = () => ['ready', 'empty', 'error'].includes(panel.getAttribute('state') ?? '');
const done = () => requestAnimationFrame(() => setTimeout(() => (document.documentElement.dataset.rendered = 'true'), 400));
if (settled() || !('state' in panel)) done();
else new MutationObserver((_, observer) => settled() && (observer.disconnect(), done())).observe(panel, { attributes: true, attributeFilter: ['state'] });
