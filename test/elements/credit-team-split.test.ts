import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import type { CreditTeamSplit } from '../../src/elements/credit-team-split/credit-team-split.js';
import { ev, smallOrg, failingWhile, hangingSource } from '../data/fixtures.js';
import { chartPanel, expectLoading, mountPanel, ready, retry, squash } from './fixtures/panel.js';

/** 2026-11-20 18:00 UTC; the default range is the billing month, 1–30 Nov. */
const NOW = Date.UTC(2026, 10, 20, 18);

/**
 * November: team workspaces p and a use 300 chat (a) + 100 image (p);
 * personal workspace b uses 200 chat. October's 5,000 is outside the range.
 */
function mixed(): MemoryDataSource {
  return new MemoryDataSource(
    smallOrg({}, [
      ev('2026-11-02T10:00:00Z', 300, 'm1', 'a', 'chat'),
      ev('2026-11-04T10:00:00Z', 100, 'm2', 'p', 'image'),
      ev('2026-11-06T10:00:00Z', 200, 'm3abcdefghij', 'b', 'chat'),
      ev('2026-10-06T10:00:00Z', 5000, 'm1', 'a', 'chat'),
    ]),
  );
}

/** Every workspace is personal (a solo plan): 150 + 50 credits in November. */
function personalOnly(): MemoryDataSource {
  return new MemoryDataSource(
    smallOrg(
      {
        workspaces: [
          { id: 'me', name: 'My workspace', kind: 'personal', primary: true },
          { id: 'side', name: 'Side project', kind: 'personal', allocated: 1000 },
        ],
      },
      [ev('2026-11-02T10:00:00Z', 150, 'm1', 'me', 'chat'), ev('2026-11-03T10:00:00Z', 50, 'm1', 'side', 'image')],
    ),
  );
}

function harness(el: CreditTeamSplit) {
  const root = () => el.shadowRoot!;
  return {
    ...chartPanel(el),
    legend: () => [...root().querySelectorAll('[part="legend"] li')].map((li) => squash(li.textContent)),
    note: () => squash(root().querySelector('[part="note"]')?.textContent),
  };
}

const panel = (template: TemplateResult) => mountPanel<CreditTeamSplit>(template);

describe('credit-team-split', () => {
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  describe('data', () => {
    it('splits the period’s credits between team and personal workspaces as a pie', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${mixed()} .now=${NOW} locale="en-US"></credit-team-split>`);
      const p = harness(el);
      expect(p.title()).to.equal('Team vs personal');
      expect(p.legend()).to.deep.equal(['Team 400 66.7%', 'Personal 200 33.3%']);
      expect(p.summary()).to.equal('Credits by workspace kind, Nov 1 – 30, 2026: team 400 credits (66.7%), personal 200 credits (33.3%).');
      expect(p.note()).to.equal('');
      const chart = p.chart();
      expect((chart.config as { type: string }).type).to.equal('pie');
      expect(chart.data.labels).to.deep.equal(['Team', 'Personal']);
      expect(chart.data.datasets[0].data).to.deep.equal([400, 200]);
    });

    it('shows 100 % personal with a note for an account with personal workspaces only', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${personalOnly()} .now=${NOW} locale="en-US"></credit-team-split>`);
      const p = harness(el);
      expect(p.legend()).to.deep.equal(['Personal 200 100%']);
      expect(p.note()).to.equal('Only personal workspaces: all usage is personal.');
      expect(p.chart().data.labels).to.deep.equal(['Personal']);
      expect(p.chart().data.datasets[0].data).to.deep.equal([200]);
      expect(p.rows()).to.deep.equal([['Personal', '200', '100%']]);
    });

    it('keeps both kinds, and no note, when an account with both has used only one in the period', async () => {
      const source = new MemoryDataSource(smallOrg({}, [ev('2026-11-02T10:00:00Z', 70, 'm1', 'b', 'chat')]));
      const el = await panel(html`<credit-team-split .dataSource=${source} .now=${NOW} locale="en-US"></credit-team-split>`);
      expect(harness(el).legend()).to.deep.equal(['Team 0 0%', 'Personal 70 100%']);
      expect(harness(el).note()).to.equal('');
    });

    it('has a data table with the same numbers as the chart', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${mixed()} .now=${NOW} locale="en-US"></credit-team-split>`);
      const p = harness(el);
      expect(p.headers()).to.deep.equal(['Workspace kind', 'Credits', 'Share']);
      expect(p.rows()).to.deep.equal([
        ['Team', '400', '66.7%'],
        ['Personal', '200', '33.3%'],
      ]);
      expect(p.rows().map((r) => Number(r[1]))).to.deep.equal(p.chart().data.datasets[0].data);
    });

    it('converts to the display unit and formats for the locale', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${mixed()} .now=${NOW} unit="conversation" locale="fr-FR"></credit-team-split>`);
      const p = harness(el);
      expect(p.chart().data.datasets[0].data).to.deep.equal([240_000, 120_000]);
      expect(p.headers()[1]).to.equal('Conversations');
      // fr-FR groups with a (narrow no-break) space, writes a decimal comma and spaces "%" off.
      const cells = el.shadowRoot!.querySelectorAll('[part="table"] tbody tr:first-child td');
      expect([...cells].map((c) => c.textContent!.trim())).to.deep.equal(['240\u202f000', '66,7\u00a0%']);
    });

    it('exports CSV and JSON', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${mixed()} .now=${NOW}></credit-team-split>`);
      expect(el.export('csv')).to.equal(
        'start,end,kind,label,credits,percent\r\n' + '2026-11-01,2026-11-30,team,Team,400,66.67\r\n' + '2026-11-01,2026-11-30,personal,Personal,200,33.33\r\n',
      );
      expect(JSON.parse(el.export('json'))[1]).to.deep.equal({ start: '2026-11-01', end: '2026-11-30', kind: 'personal', label: 'Personal', credits: 200, percent: 33.33 });
    });

    it('uses replacement strings', async () => {
      const strings = { teamSplitTeam: 'Équipe', teamSplitPersonal: 'Personnel', teamSplitPersonalOnly: 'Uniquement personnel.' };
      const el = await panel(html`<credit-team-split .dataSource=${personalOnly()} .now=${NOW} .strings=${strings}></credit-team-split>`);
      expect(harness(el).legend()).to.deep.equal(['Personnel 200 100%']);
      expect(harness(el).note()).to.equal('Uniquement personnel.');
    });
  });

  describe('inside a dashboard', () => {
    it('follows the focus on a reason and on a workspace as filters', async () => {
      const dash = await fixture<CreditDashboard>(html`<credit-dashboard .dataSource=${mixed()} .now=${NOW} locale="en-US">
        <credit-team-split></credit-team-split>
      </credit-dashboard>`);
      const el = dash.querySelector('credit-team-split')!;
      await ready(el);
      const p = harness(el);

      dash.selection = { reason: 'chat' };
      await waitUntil(() => p.legend()[0] === 'Team 300 60%', 'filtered to chat', { timeout: 5000 });
      expect(p.legend()).to.deep.equal(['Team 300 60%', 'Personal 200 40%']);
      expect(p.summary()).to.contain('Filtered to Chat.');

      dash.selection = { reason: 'chat', workspace: 'b' };
      await waitUntil(() => p.legend()[0] === 'Team 0 0%', 'filtered to chat in b', { timeout: 5000 });
      expect(p.legend()).to.deep.equal(['Team 0 0%', 'Personal 200 100%']);
      expect(p.summary()).to.contain('Filtered to Workspace B and Chat.');
      expect(p.chart().data.datasets[0].data).to.deep.equal([0, 200]);

      // A focus on something with no usage leaves the panel empty, not broken.
      dash.selection = { reason: 'speech' };
      await ready(el, 'empty');
      expect(p.message()).to.equal('No usage data for the selected period.');
    });
  });

  describe('states', () => {
    it('is accessible while loading', async () => {
      const hanging = hangingSource();
      const el = await fixture<CreditTeamSplit>(html`<credit-team-split .dataSource=${hanging}></credit-team-split>`);
      expectLoading(el);
      await expect(el).to.be.accessible();
    });

    it('says so when the period has no usage, and is accessible', async () => {
      const el = await fixture<CreditTeamSplit>(html`<credit-team-split .dataSource=${new MemoryDataSource(smallOrg())} .now=${NOW}></credit-team-split>`);
      await ready(el, 'empty');
      expect(harness(el).message()).to.equal('No usage data for the selected period.');
      // Still titled, so a dashboard says which chart has nothing to show.
      expect(harness(el).title()).to.equal('Team vs personal');
      await expect(el).to.be.accessible();
    });

    it('shows an error with Retry, and is accessible', async () => {
      const source = mixed();
      let fail = true;
      const flaky = failingWhile(source, 'getAllocation', () => fail, () => new Error('Allocation service unavailable.'));
      const el = await fixture<CreditTeamSplit>(html`<credit-team-split .dataSource=${flaky} .now=${NOW}></credit-team-split>`);
      await ready(el, 'error');
      expect(harness(el).message()).to.contain('Allocation service unavailable.');
      expect(harness(el).title()).to.equal('Team vs personal');
      await expect(el).to.be.accessible();
      fail = false;
      await retry(el);
      expect(harness(el).legend()).to.deep.equal(['Team 400 66.7%', 'Personal 200 33.3%']);
    });

    it('is accessible with data, light and dark, and in the personal-only case', async () => {
      for (const theme of ['light', 'dark'] as const) {
        for (const source of [mixed(), personalOnly()]) {
          const el = await panel(html`<credit-team-split theme=${theme} .dataSource=${source} .now=${NOW}></credit-team-split>`);
          await expect(el).to.be.accessible();
        }
      }
    });

    it('colours team and personal from the theme, light and dark', async () => {
      const light = await panel(html`<credit-team-split theme="light" .dataSource=${mixed()} .now=${NOW}></credit-team-split>`);
      expect(harness(light).chart().data.datasets[0].backgroundColor).to.deep.equal(['#4f46e5', '#0284c7']);
      const dark = await panel(html`<credit-team-split theme="dark" .dataSource=${mixed()} .now=${NOW}></credit-team-split>`);
      expect(harness(dark).chart().data.datasets[0].backgroundColor).to.deep.equal(['#818cf8', '#38bdf8']);
    });
  });

  describe('lifecycle', () => {
    it('does not animate under reduced motion', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${mixed()} .now=${NOW}></credit-team-split>`);
      expect(harness(el).chart().options.animation).to.equal(false);
    });

    it('leaves no Chart.js instance behind when removed', async () => {
      const el = await panel(html`<credit-team-split .dataSource=${mixed()} .now=${NOW}></credit-team-split>`);
      expect(Object.keys(Chart.instances)).to.have.length(1);
      el.remove();
      expect(Object.keys(Chart.instances).length).to.equal(0);
    });
  });
});
