import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  parseCreditAmount,
  type TransferCompleteDetail,
  type WorkspaceAllocationTable,
  type WorkspaceDeletedDetail,
} from '../../src/elements/workspace-allocation-table/workspace-allocation-table.js';
import { DataSourceError } from '../../src/data/errors.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { CreditDataSource, TransferRequest } from '../../src/data/types.js';
import { account, ev, readOnly, smallOrg } from '../data/fixtures.js';
import {
  amountError,
  amountInput,
  button,
  deferred,
  dialog,
  dialogButton,
  mount,
  openManage,
  pressTransfer,
  spy,
  text,
  typeAmount,
} from './fixtures/allocation.js';

// ------------------------------------------------------------------ harness

const DAY = '2026-11-02T10:00:00Z';

/**
 * The reference example (10,000 credits; A 2,000, B 3,000, so the primary
 * holds 5,000) with some usage: A used 500 (300 chat, 200 image), the
 * primary 100 (speech). Remaining: primary 4,900, A 1,500, B 3,000.
 */
function org(overrides: Parameters<typeof smallOrg>[0] = {}, events = [ev(DAY, 300, 'm1', 'a', 'chat'), ev(DAY, 200, 'm2', 'a', 'image'), ev(DAY, 100, 'm1', 'p', 'speech')]) {
  return new MemoryDataSource(smallOrg(overrides, events));
}

/** The same source without live notifications: what the table shows after a change can only come from the change's answer. */
function withoutSubscribe(source: MemoryDataSource): CreditDataSource {
  return {
    ...readOnly(source),
    transferCredits: (t, s) => source.transferCredits(t, s),
    setCreditMode: (m, s) => source.setCreditMode(m, s),
    deleteWorkspace: (id, s) => source.deleteWorkspace(id, s),
  };
}

const root = (el: WorkspaceAllocationTable) => el.shadowRoot!;
const num = (s: string) => Number(s.replace(/[^\d.-]/g, ''));

function headers(el: WorkspaceAllocationTable): string[] {
  return [...root(el).querySelectorAll('thead th')].map((th) => text(th).replace(/[▲▼]/g, '').trim());
}
function rowNames(el: WorkspaceAllocationTable): string[] {
  return [...root(el).querySelectorAll('tbody tr')].map((tr) => text(tr.querySelector('.ws-name')));
}
function row(el: WorkspaceAllocationTable, name: string): HTMLTableRowElement | undefined {
  return [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')].find((tr) => text(tr.querySelector('.ws-name')) === name);
}
function cell(el: WorkspaceAllocationTable, name: string, header: string): string {
  const i = headers(el).indexOf(header);
  expect(i, `column ${header}`).to.be.at.least(0);
  const tr = row(el, name);
  expect(tr, `row ${name}`).to.exist;
  return text(tr!.children[i]);
}
function footer(el: WorkspaceAllocationTable, label: string, header: string): string {
  const tr = [...root(el).querySelectorAll('tfoot tr')].find((r) => text(r.querySelector('th')) === label);
  return tr ? text(tr.children[headers(el).indexOf(header)]) : '';
}
function figure(el: WorkspaceAllocationTable, label: string): number {
  const div = [...root(el).querySelectorAll('.totals div')].find((d) => text(d.querySelector('dt')) === label);
  expect(div, `figure ${label}`).to.exist;
  return num(text(div!.querySelector('dd')));
}
const active = (el: WorkspaceAllocationTable) => root(el).activeElement;

/** Credits as the table shows them: every row's used and remaining, the deleted workspaces' usage, the figures. */
function rendered(el: WorkspaceAllocationTable) {
  const names = rowNames(el);
  const remaining = (name: string) => {
    const s = cell(el, name, 'Remaining');
    return s === 'Shared pool' ? 0 : num(s);
  };
  return {
    used: names.reduce((s, n) => s + num(cell(el, n, 'Total used')), 0),
    remaining: names.reduce((s, n) => s + remaining(n), 0),
    deletedUsed: num(footer(el, 'Deleted workspaces', 'Total used') || '0'),
    total: figure(el, 'Total credits'),
    figureUsed: figure(el, 'Used'),
    figureRemaining: figure(el, 'Remaining'),
  };
}

function expectConserved(el: WorkspaceAllocationTable): void {
  const r = rendered(el);
  expect(r.total).to.equal(10_000);
  expect(r.used + r.deletedUsed + r.remaining, 'rows add up to the total').to.equal(r.total);
  expect(r.figureUsed + r.figureRemaining, 'figures add up to the total').to.equal(r.total);
  expect(r.figureUsed).to.equal(r.used + r.deletedUsed);
}

const sourceSelect = (el: WorkspaceAllocationTable) => dialog(el).querySelector<HTMLSelectElement>('#transfer-source')!;

async function chooseSource(el: WorkspaceAllocationTable, name: string): Promise<void> {
  const select = sourceSelect(el);
  const option = [...select.options].find((o) => text(o).startsWith(`${name} (`));
  expect(option, `source option ${name}`).to.exist;
  select.value = option!.value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

// ------------------------------------------------------------------ tests

describe('workspace-allocation-table', () => {
  describe('rows', () => {
    it('shows each workspace with the primary holding what is not allocated, sorted by credits used', async () => {
      const el = await mount(org());
      expect(headers(el)).to.deep.equal(['Workspace', 'Allocated', 'Chat', 'Image', 'Speech', 'Total used', 'Remaining', 'Status', 'Actions']);
      expect(rowNames(el)).to.deep.equal(['Workspace A', 'Primary', 'Workspace B']);
      expect(text(row(el, 'Primary')!.querySelector('th'))).to.equal('Primary Team Primary');
      expect(text(row(el, 'Primary')!.querySelector('[part="badge"]'))).to.equal('Primary');
      expect(row(el, 'Workspace A')!.querySelector('[part="badge"]')).to.be.null;
      expect(text(row(el, 'Workspace B')!.querySelector('.kind'))).to.equal('Personal');

      expect(cell(el, 'Primary', 'Allocated')).to.equal('5,000');
      expect(cell(el, 'Primary', 'Remaining')).to.equal('4,900');
      expect(cell(el, 'Workspace A', 'Chat')).to.equal('300');
      expect(cell(el, 'Workspace A', 'Image')).to.equal('200');
      expect(cell(el, 'Workspace A', 'Total used')).to.equal('500');
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('1,500');
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,000');
      expect(cell(el, 'Workspace A', 'Status')).to.equal('OK');
      expect(footer(el, 'Total', 'Allocated')).to.equal('10,000');
      expect(footer(el, 'Total', 'Total used')).to.equal('600');
      expect(footer(el, 'Total', 'Remaining')).to.equal('9,400');
      expect(figure(el, 'Allocated to workspaces')).to.equal(5000);

      const meter = row(el, 'Workspace A')!.querySelector('[role="meter"]')!;
      expect(meter.getAttribute('aria-label')).to.equal('Remaining in Workspace A');
      expect(meter.getAttribute('aria-valuenow')).to.equal('75');
      expect(meter.getAttribute('aria-valuetext')).to.equal('1,500 credits of 2,000 credits left (75%)');
      expectConserved(el);
    });

    it('shows a workspace with nothing left as "Usage blocked" and one under 10 % as low', async () => {
      const el = await mount(org({}, [ev(DAY, 3000, 'm1', 'b', 'chat'), ev(DAY, 1850, 'm2', 'a', 'image')]));
      expect(cell(el, 'Workspace B', 'Status')).to.equal('Usage blocked');
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('0');
      expect(row(el, 'Workspace B')!.querySelector('[role="meter"]')!.getAttribute('aria-valuenow')).to.equal('0');
      expect(cell(el, 'Workspace A', 'Status')).to.equal('Low');
      expect(cell(el, 'Primary', 'Status')).to.equal('OK');
    });

    it('renders workspace names containing HTML as plain text', async () => {
      const name = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b>Bold</b>';
      const source = new MemoryDataSource(
        smallOrg({
          workspaces: [
            { id: 'p', name: 'Primary', kind: 'team', primary: true },
            { id: 'a', name, kind: 'team', allocated: 2000 },
          ],
        }),
      );
      const el = await mount(source);
      await openManage(el, name);
      expect(rowNames(el)).to.include(name);
      expect(root(el).querySelector('img, script, b')).to.be.null;
      expect(text(dialog(el).querySelector('h3'))).to.equal(`Manage credits: ${name}`);
      expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
    });

    it('shows amounts in the display unit', async () => {
      const el = await mount(org(), { unit: 'conversation' });
      expect(cell(el, 'Primary', 'Allocated')).to.equal('3,000,000');
      expect(figure(el, 'Total credits')).to.equal(6_000_000);
      expect(text(root(el).querySelector('.unit-note'))).to.equal('Amounts in conversations.');
    });
  });

  describe('sorting', () => {
    it('sorts by any column from its header, with aria-sort on the header', async () => {
      const el = await mount(org());
      const th = (label: string) => [...root(el).querySelectorAll('thead th')].find((h) => text(h).replace(/[▲▼]/g, '').trim() === label)!;
      expect(th('Total used').getAttribute('aria-sort')).to.equal('descending');
      expect(th('Workspace').getAttribute('aria-sort')).to.equal('none');

      th('Workspace').querySelector('button')!.click();
      await el.updateComplete;
      expect(th('Workspace').getAttribute('aria-sort')).to.equal('ascending');
      expect(th('Total used').getAttribute('aria-sort')).to.equal('none');
      expect(rowNames(el)).to.deep.equal(['Primary', 'Workspace A', 'Workspace B']);

      // Keyboard: Enter on the focused header button toggles the direction.
      th('Workspace').querySelector('button')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(th('Workspace').getAttribute('aria-sort')).to.equal('descending');
      expect(rowNames(el)).to.deep.equal(['Workspace B', 'Workspace A', 'Primary']);

      th('Remaining').querySelector('button')!.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(th('Remaining').getAttribute('aria-sort')).to.equal('descending');
      expect(rowNames(el)).to.deep.equal(['Primary', 'Workspace B', 'Workspace A']);
    });
  });

  describe('transfers', () => {
    it('moves credits with a live preview, fires the events and shows the returned allocation', async () => {
      const memory = org();
      const source = withoutSubscribe(memory);
      const reads = spy(source, 'getAllocation');
      const el = await mount(source);
      const readsBefore = reads.length;
      const opener = button(el, 'Manage credits for Workspace B')!;
      await openManage(el, 'Workspace B');
      expect(text(dialog(el).querySelector('h3'))).to.equal('Manage credits: Workspace B');
      // The name is isolated from the sentence, so a right-to-left name cannot reorder it.
      expect(dialog(el).querySelector('h3')!.textContent).to.equal('Manage credits: \u2068Workspace B\u2069');
      expect(root(el).querySelector('[data-workspace="b"] .ws-name')!.getAttribute('dir')).to.equal('auto');
      // The target is not a source; every other workspace with credits is.
      expect([...sourceSelect(el).options].map(text)).to.deep.equal(['Primary (4,900 credits available)', 'Workspace A (1,500 credits available)']);
      await typeAmount(el, '1000');
      expect(text(dialog(el).querySelector('[data-preview="source"]'))).to.equal('4,900 credits → 3,900 credits');
      expect(text(dialog(el).querySelector('[data-preview="target"]'))).to.equal('3,000 credits → 4,000 credits');

      const requested = oneEvent(el, 'transfer-request');
      const completed = oneEvent(el, 'transfer-complete');
      await pressTransfer(el);
      expect((await requested).detail).to.deep.equal({ fromWorkspaceId: 'p', toWorkspaceId: 'b', amount: 1000 });
      const done = (await completed).detail as TransferCompleteDetail;
      expect(done.transfer).to.include({ fromWorkspaceId: 'p', toWorkspaceId: 'b', amount: 1000 });
      expect(done.transfer.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      await el.updateComplete;
      expect(cell(el, 'Primary', 'Remaining')).to.equal('3,900');
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('4,000');
      expect(cell(el, 'Workspace B', 'Allocated')).to.equal('4,000');
      expect(reads.length, 'the table used the returned allocation, not a reload').to.equal(readsBefore);
      expect(text(root(el).querySelector('[part="notice"]'))).to.equal('Moved 1,000 credits from Primary to Workspace B.');
      expect(root(el).querySelector('[part="notice"]')!.textContent).to.contain('from \u2068Primary\u2069 to \u2068Workspace B\u2069.');
      await waitUntil(() => active(el) === opener, 'focus back on the opener');
      expectConserved(el);
    });

    it('refuses more than the source has in the dialog, sending nothing; the adapter refuses it too', async () => {
      const source = org();
      const calls = spy(source, 'transferCredits');
      const el = await mount(source);
      await openManage(el, 'Workspace B');
      await chooseSource(el, 'Workspace A');
      await typeAmount(el, '1501');
      expect(amountError(el)).to.equal('Workspace A has only 1,500 credits available.');
      expect(amountInput(el).getAttribute('aria-invalid')).to.equal('true');
      expect(amountInput(el).getAttribute('aria-describedby')).to.contain('amount-error');
      await pressTransfer(el);
      await aTimeout(20);
      expect(calls).to.have.length(0);
      expect(dialog(el).open).to.be.true;
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('1,500');

      let refusal: unknown;
      await source.transferCredits({ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 1501 }).catch((e) => (refusal = e));
      expect(refusal).to.be.instanceOf(DataSourceError);
      expect((refusal as DataSourceError).code).to.equal('insufficient-credits');
    });

    it('shows the adapter’s refusal when the balance changed behind the table, and changes nothing', async () => {
      const memory = org();
      const source = withoutSubscribe(memory);
      const el = await mount(source);
      await openManage(el, 'Workspace B');
      await chooseSource(el, 'Workspace A');
      // Elsewhere, A's credits go to the primary; this table does not hear of it.
      await memory.transferCredits({ fromWorkspaceId: 'a', toWorkspaceId: 'p', amount: 1400 });
      await typeAmount(el, '1000');
      const failed = oneEvent(el, 'transfer-error');
      await pressTransfer(el);
      const error = (await failed).detail.error as DataSourceError;
      expect(error.code).to.equal('insufficient-credits');
      await el.updateComplete;
      expect(text(dialog(el).querySelector('[role="alert"]'))).to.equal(`The transfer failed. ${error.message}`);
      expect(dialog(el).open).to.be.true;
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('1,500');
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,000');
    });

    it('sends one transfer for a double click, with Transfer disabled while in flight', async () => {
      const source = org();
      const gate = deferred();
      const calls = spy(source, 'transferCredits', () => gate.promise);
      const el = await mount(source);
      await openManage(el, 'Workspace B');
      await typeAmount(el, '250');
      const transfer = dialogButton(el, 'Transfer')!;
      transfer.click();
      transfer.click();
      await el.updateComplete;
      expect(transfer.getAttribute('aria-disabled')).to.equal('true');
      expect(text(transfer)).to.equal('Transferring…');
      await sendKeys({ press: 'Enter' });
      transfer.click();
      gate.resolve();
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      await aTimeout(20);
      expect(calls).to.have.length(1);
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,250');
      expect(cell(el, 'Primary', 'Remaining')).to.equal('4,650');
    });

    it('shows a failure in the dialog, changes nothing, and retries the same attempt with the same idempotency key', async () => {
      const memory = org();
      const source = withoutSubscribe(memory);
      const keys: string[] = [];
      let fail = true;
      source.transferCredits = async (t: TransferRequest) => {
        keys.push(t.idempotencyKey!);
        if (fail) throw new DataSourceError('network', 'The connection dropped.');
        return memory.transferCredits(t);
      };
      const el = await mount(source);
      await openManage(el, 'Workspace A');
      await typeAmount(el, '300');
      const failed = oneEvent(el, 'transfer-error');
      await pressTransfer(el);
      expect((await failed).detail.transfer).to.include({ fromWorkspaceId: 'p', toWorkspaceId: 'a', amount: 300 });
      await el.updateComplete;
      expect(text(dialog(el).querySelector('[role="alert"]'))).to.equal('The transfer failed. The connection dropped.');
      await expect(el).to.be.accessible();
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('1,500');
      expect(cell(el, 'Primary', 'Remaining')).to.equal('4,900');
      expectConserved(el);

      fail = false;
      await pressTransfer(el);
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('1,800');

      // A new transfer is a new attempt with a new key.
      await openManage(el, 'Workspace A');
      await typeAmount(el, '300');
      await pressTransfer(el);
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      expect(keys).to.have.length(3);
      expect(keys[2]).to.not.equal(keys[0]);
    });

    it('sends nothing when transfer-request is cancelled', async () => {
      const source = org();
      const calls = spy(source, 'transferCredits');
      const el = await mount(source);
      el.addEventListener('transfer-request', (e) => e.preventDefault());
      await openManage(el, 'Workspace B');
      await typeAmount(el, '100');
      await pressTransfer(el);
      await aTimeout(20);
      expect(calls).to.have.length(0);
      expect(dialog(el).open).to.be.true;
      expect(dialogButton(el, 'Transfer')!.getAttribute('aria-disabled')).to.equal('false');
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,000');
      el.closeDialog();
      await waitUntil(() => !dialog(el).open, 'dialog closed');
    });

    it('applies a transfer that lands after the dialog was closed', async () => {
      const source = org();
      const gate = deferred();
      spy(source, 'transferCredits', () => gate.promise);
      const el = await mount(source);
      await openManage(el, 'Workspace B');
      await typeAmount(el, '400');
      await pressTransfer(el);
      expect(text(dialog(el))).to.contain('You can close this dialog');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,000');
      const completed = oneEvent(el, 'transfer-complete');
      gate.resolve();
      await completed;
      await el.updateComplete;
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,400');
      expect(text(root(el).querySelector('[part="notice"]'))).to.equal('Moved 400 credits from Primary to Workspace B.');
    });

    it('lets only valid amounts reach the adapter, each once', async () => {
      const source = org();
      const calls = spy(source, 'transferCredits');
      const el = await mount(source);
      await openManage(el, 'Workspace B');

      const refused: [string, string][] = [
        ['1e3', 'Enter digits only, like 250: no signs, exponents or thousands separators.'],
        ['-0', 'Enter digits only, like 250: no signs, exponents or thousands separators.'],
        ['0x10', 'Enter digits only, like 250: no signs, exponents or thousands separators.'],
        ['Infinity', 'Enter digits only, like 250: no signs, exponents or thousands separators.'],
        ['1,000', 'Enter digits only, like 250: no signs, exponents or thousands separators.'],
        ['1.5', 'Enter whole credits, without decimals.'],
        ['0', 'Enter an amount greater than 0.'],
        ['', 'Enter an amount.'],
        ['   ', 'Enter an amount.'],
      ];
      for (const [input, message] of refused) {
        await typeAmount(el, input);
        await pressTransfer(el);
        expect(amountError(el), JSON.stringify(input)).to.equal(message);
        expect(amountInput(el).getAttribute('aria-invalid'), JSON.stringify(input)).to.equal('true');
        expect(active(el), 'focus goes to the field').to.equal(amountInput(el));
      }
      await aTimeout(20);
      expect(calls).to.have.length(0);

      // Typed with the keyboard, with spaces around it, submitted with Enter.
      await typeAmount(el, '');
      amountInput(el).focus();
      await sendKeys({ type: ' 5 ' });
      expect(dialog(el).querySelector('#amount-error')).to.be.null;
      expect(amountInput(el).getAttribute('aria-invalid')).to.equal('false');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      expect(calls).to.have.length(1);
      expect((calls[0][0] as TransferRequest).amount).to.equal(5);

      // Full-width digits, as an IME types them, are read as ASCII digits.
      await openManage(el, 'Workspace B');
      await typeAmount(el, '１２');
      expect(text(dialog(el).querySelector('[data-preview="target"]'))).to.equal('3,005 credits → 3,017 credits');
      await pressTransfer(el);
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      expect(calls.map((c) => (c[0] as TransferRequest).amount)).to.deep.equal([5, 12]);
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,017');
    });

    it('accepts as many decimals as credit-decimals allows', async () => {
      const source = org();
      const calls = spy(source, 'transferCredits');
      const el = await mount(source, { decimals: 2 });
      await openManage(el, 'Workspace B');
      await typeAmount(el, '1.255');
      await pressTransfer(el);
      expect(amountError(el)).to.equal('Use at most 2 decimal places.');
      await typeAmount(el, '1.25');
      await pressTransfer(el);
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      expect(calls.map((c) => (c[0] as TransferRequest).amount)).to.deep.equal([1.25]);
    });
  });

  describe('the dialog and the keyboard', () => {
    it('moves focus in, keeps Tab inside, closes on Escape and returns focus to the opener', async () => {
      const el = await mount(org());
      const opener = button(el, 'Manage credits for Workspace A')!;
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog(el).open, 'dialog open');
      expect(active(el)).to.equal(amountInput(el));
      expect(dialog(el).getAttribute('aria-labelledby')).to.equal('dialog-title');

      const seen = new Set<Element>();
      for (let i = 0; i < 8; i++) {
        await sendKeys({ press: 'Tab' });
        const focused = active(el);
        expect(focused && dialog(el).contains(focused), `Tab ${i + 1} stays in the dialog`).to.be.true;
        seen.add(focused!);
      }
      // Cycled through the select, the field, Cancel and Transfer.
      expect(seen.size).to.equal(4);
      sourceSelect(el).focus();
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(active(el)).to.equal(dialogButton(el, 'Transfer'));

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      await waitUntil(() => active(el) === opener, 'focus back on the opener');
    });
  });

  describe('deleting', () => {
    it('never offers deleting the primary workspace', async () => {
      const el = await mount(org());
      expect(row(el, 'Primary')!.querySelector('button.delete')).to.be.null;
      expect(button(el, 'Delete Primary')).to.be.undefined;
      expect(button(el, 'Delete Workspace A')).to.exist;
      expect(button(el, 'Delete Workspace B')).to.exist;
    });

    it('asks first, then returns the workspace’s remaining credits to the primary', async () => {
      const source = org();
      const calls = spy(source, 'deleteWorkspace');
      const el = await mount(source);
      button(el, 'Delete Workspace A')!.click();
      await waitUntil(() => dialog(el).open, 'dialog open');
      expect(text(dialog(el).querySelector('h3'))).to.equal('Delete Workspace A?');
      expect(text(dialog(el))).to.contain('Its 1,500 remaining credits return to the primary workspace.');
      expect(active(el), 'Cancel has focus in a destructive confirmation').to.equal(dialogButton(el, 'Cancel'));

      const asked = oneEvent(el, 'workspace-delete');
      const deleted = oneEvent(el, 'workspace-deleted');
      dialogButton(el, 'Delete workspace')!.click();
      expect((await asked).detail).to.deep.equal({ workspaceId: 'a', name: 'Workspace A' });
      expect(((await deleted).detail as WorkspaceDeletedDetail).allocation.workspaces.map((w) => w.id)).to.deep.equal(['p', 'b']);
      await waitUntil(() => !dialog(el).open, 'dialog closed');
      await el.updateComplete;
      expect(calls.map((c) => c[0])).to.deep.equal(['a']);
      expect(row(el, 'Workspace A')).to.be.undefined;
      expect(cell(el, 'Primary', 'Remaining')).to.equal('6,400');
      expect(footer(el, 'Deleted workspaces', 'Total used')).to.equal('500');
      expectConserved(el);
      await waitUntil(() => active(el) === root(el).querySelector('.title'), 'focus on the heading');
    });

    it('sends nothing when workspace-delete is cancelled', async () => {
      const source = org();
      const calls = spy(source, 'deleteWorkspace');
      const el = await mount(source);
      el.addEventListener('workspace-delete', (e) => e.preventDefault());
      button(el, 'Delete Workspace B')!.click();
      await waitUntil(() => dialog(el).open, 'dialog open');
      dialogButton(el, 'Delete workspace')!.click();
      await aTimeout(20);
      expect(calls).to.have.length(0);
      // Nothing changed: Workspace B is still listed, with its credits.
      expect(rowNames(el)).to.deep.equal(['Workspace A', 'Primary', 'Workspace B']);
      expect(cell(el, 'Workspace B', 'Remaining')).to.equal('3,000');
    });
  });

  describe('credit mode', () => {
    async function switchTo(el: WorkspaceAllocationTable, label: string): Promise<void> {
      const select = root(el).querySelector<HTMLSelectElement>('select[part="mode-select"]')!;
      const option = [...select.options].find((o) => text(o) === label)!;
      select.value = option.value;
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await waitUntil(() => dialog(el).open, 'confirmation open');
    }

    it('asks before switching, explains the consequence, and conserves credits', async () => {
      const source = org();
      const calls = spy(source, 'setCreditMode');
      const el = await mount(source);
      expect(text(root(el).querySelector('.mode-hint'))).to.contain('Each workspace spends its own allocation');

      await switchTo(el, 'Shared pool');
      expect(text(dialog(el).querySelector('h3'))).to.equal('Switch to a shared pool?');
      expect(text(dialog(el))).to.contain('All unused credits return to the primary workspace');
      // Not switched yet.
      expect(root(el).querySelector<HTMLSelectElement>('select[part="mode-select"]')!.value).to.equal('workspace-budget');
      dialogButton(el, 'Cancel')!.click();
      await waitUntil(() => !dialog(el).open, 'closed');
      expect(calls).to.have.length(0);

      await switchTo(el, 'Shared pool');
      const changing = oneEvent(el, 'mode-change');
      dialogButton(el, 'Switch')!.click();
      expect((await changing).detail).to.deep.equal({ mode: 'shared-pool' });
      await waitUntil(() => !dialog(el).open, 'closed');
      await el.updateComplete;
      expect(calls.map((c) => c[0])).to.deep.equal(['shared-pool']);
      expect(headers(el)).to.not.include('Allocated');
      expect(cell(el, 'Primary', 'Remaining')).to.equal('9,400');
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('Shared pool');
      expect(button(el, 'Manage credits for Workspace B'), 'no transfers in a shared pool').to.be.undefined;
      expect(text(root(el).querySelector('.mode-hint'))).to.contain('Every workspace draws on the primary workspace');
      expectConserved(el);

      await switchTo(el, 'Workspace budgets');
      expect(text(dialog(el))).to.contain('All unused credits stay on the primary workspace');
      dialogButton(el, 'Switch')!.click();
      await waitUntil(() => !dialog(el).open, 'closed');
      await el.updateComplete;
      expect(cell(el, 'Primary', 'Remaining')).to.equal('9,400');
      expect(cell(el, 'Workspace A', 'Status')).to.equal('Usage blocked');
      expectConserved(el);
    });

    it('sends nothing when mode-change is cancelled', async () => {
      const source = org();
      const calls = spy(source, 'setCreditMode');
      const el = await mount(source);
      el.addEventListener('mode-change', (e) => e.preventDefault());
      await switchTo(el, 'Shared pool');
      dialogButton(el, 'Switch')!.click();
      await aTimeout(20);
      expect(calls).to.have.length(0);
      expect(headers(el)).to.include('Allocated');
    });

    it('conserves credits across a transfer, a deletion and a mode switch', async () => {
      const el = await mount(org());
      expectConserved(el);
      await openManage(el, 'Workspace A');
      await typeAmount(el, '2000');
      await pressTransfer(el);
      await waitUntil(() => !dialog(el).open, 'closed');
      await el.updateComplete;
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('3,500');
      expectConserved(el);

      button(el, 'Delete Workspace A')!.click();
      await waitUntil(() => dialog(el).open, 'open');
      dialogButton(el, 'Delete workspace')!.click();
      await waitUntil(() => !dialog(el).open, 'closed');
      await el.updateComplete;
      expect(cell(el, 'Primary', 'Remaining')).to.equal('6,400');
      expectConserved(el);

      await switchTo(el, 'Shared pool');
      dialogButton(el, 'Switch')!.click();
      await waitUntil(() => !dialog(el).open, 'closed');
      await el.updateComplete;
      expect(cell(el, 'Primary', 'Remaining')).to.equal('9,400');
      expectConserved(el);
    });
  });

  describe('read-only', () => {
    it('offers no actions to a viewer', async () => {
      const el = await mount(org({ account: account({ role: 'viewer' }) }));
      expect(root(el).querySelectorAll('tbody button')).to.have.length(0);
      expect(headers(el)).to.not.include('Actions');
      expect(root(el).querySelector('select')).to.be.null;
      expect(text(root(el).querySelector('[part="mode"]'))).to.equal('Credit mode Workspace budgets');
    });

    it('offers no actions when the source lacks the capabilities', async () => {
      const el = await mount(readOnly(org()));
      expect(root(el).querySelectorAll('tbody button')).to.have.length(0);
      expect(root(el).querySelector('select')).to.be.null;
      expect(cell(el, 'Primary', 'Remaining')).to.equal('4,900');
    });

    it('offers only what the source can do', async () => {
      const memory = org();
      const source = withoutSubscribe(memory);
      delete source.deleteWorkspace;
      const el = await mount(source);
      expect(button(el, 'Manage credits for Workspace A')).to.exist;
      expect(button(el, 'Delete Workspace A')).to.be.undefined;
      expect(root(el).querySelector('select[part="mode-select"]')).to.exist;
    });
  });

  describe('live data', () => {
    it('shows a change made elsewhere after its own change', async () => {
      const source = org();
      const el = await mount(source);
      await openManage(el, 'Workspace B');
      await typeAmount(el, '100');
      await pressTransfer(el);
      await waitUntil(() => !dialog(el).open, 'closed');
      await source.transferCredits({ fromWorkspaceId: 'a', toWorkspaceId: 'b', amount: 500 });
      await waitUntil(() => cell(el, 'Workspace B', 'Remaining') === '3,600', 'the later change shows');
      expect(cell(el, 'Workspace A', 'Remaining')).to.equal('1,000');
      expect(cell(el, 'Primary', 'Remaining')).to.equal('4,800');
    });
  });

  describe('states and accessibility', () => {
    it('loading: a table-shaped skeleton', async () => {
      const memory = org();
      const source = withoutSubscribe(memory);
      source.getAllocation = () => new Promise(() => {});
      const el = await fixture<WorkspaceAllocationTable>(html`<workspace-allocation-table .dataSource=${source}></workspace-allocation-table>`);
      await aTimeout(30);
      expect(el.state).to.equal('loading');
      expect(el.hasAttribute('loading')).to.be.true;
      expect(root(el).querySelectorAll('[part="skeleton"] .skeleton-row')).to.have.length(5);
      await expect(el).to.be.accessible();
    });

    it('empty: no workspaces or credits', async () => {
      const source = new MemoryDataSource(smallOrg({ workspaces: [{ id: 'p', name: 'Primary', kind: 'team', primary: true }], totalCredits: 0 }));
      const el = await fixture<WorkspaceAllocationTable>(html`<workspace-allocation-table .dataSource=${source}></workspace-allocation-table>`);
      await waitUntil(() => el.state === 'empty', 'empty');
      expect(text(root(el).querySelector('[part="message"]'))).to.equal('No workspaces or credits to show yet.');
      await expect(el).to.be.accessible();
    });

    it('error: the message and a Retry that loads again', async () => {
      const memory = org();
      const source = withoutSubscribe(memory);
      let fail = true;
      source.getAllocation = async (s) => {
        if (fail) throw new DataSourceError('server', 'The allocation service is down.');
        return memory.getAllocation(s);
      };
      const el = await fixture<WorkspaceAllocationTable>(html`<workspace-allocation-table locale="en-US" .dataSource=${source}></workspace-allocation-table>`);
      await waitUntil(() => el.state === 'error', 'error');
      expect(text(root(el).querySelector('[role="alert"]'))).to.contain('The allocation service is down.');
      await expect(el).to.be.accessible();
      fail = false;
      root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => el.state === 'ready', 'ready after retry');
      expect(cell(el, 'Primary', 'Remaining')).to.equal('4,900');
    });

    it('data, with blocked and low rows, light and dark', async () => {
      const events = [ev(DAY, 3000, 'm1', 'b', 'chat'), ev(DAY, 1850, 'm2', 'a', 'image')];
      const light = await mount(org({}, events));
      await expect(light).to.be.accessible();
      const dark = await mount(org({}, events), { theme: 'dark' });
      expect(dark.getAttribute('theme')).to.equal('dark');
      // Drawn in the dark theme's colours, not only marked as dark.
      expect(getComputedStyle(root(dark).querySelector('[part="panel"]')!).backgroundColor).to.equal('rgb(22, 27, 34)');
      await expect(dark).to.be.accessible();
    });

    it('with each dialog open, light and dark', async () => {
      for (const theme of [undefined, 'dark'] as const) {
        const el = await mount(org(), { theme });
        await openManage(el, 'Workspace B');
        await typeAmount(el, '9999');
        await pressTransfer(el);
        expect(amountError(el)).to.not.equal('');
        await expect(el).to.be.accessible();
        el.closeDialog();
        await waitUntil(() => !dialog(el).open, 'closed');

        button(el, 'Delete Workspace A')!.click();
        await waitUntil(() => dialog(el).open, 'open');
        await expect(el).to.be.accessible();
        el.closeDialog();
        await waitUntil(() => !dialog(el).open, 'closed');

        const select = root(el).querySelector<HTMLSelectElement>('select[part="mode-select"]')!;
        select.value = 'shared-pool';
        select.dispatchEvent(new Event('change'));
        await waitUntil(() => dialog(el).open, 'open');
        await expect(el).to.be.accessible();
        el.closeDialog();
        await waitUntil(() => !dialog(el).open, 'closed');
      }
    });

    it('shared-pool mode with an empty pool', async () => {
      const el = await mount(org({ mode: 'shared-pool', totalCredits: 600 }));
      expect(cell(el, 'Primary', 'Remaining')).to.equal('0');
      expect(cell(el, 'Workspace A', 'Status')).to.equal('Exhausted');
      await expect(el).to.be.accessible();
    });
  });

  describe('parseCreditAmount', () => {
    it('reads plain digits only', () => {
      const cases: [string, number | string, number?][] = [
        ['250', 250],
        [' 5 ', 5],
        ['007', 7],
        ['１２', 12],
        ['\u3000１２\u3000', 12],
        ['1.5', 'decimals'],
        ['1.5', 1.5, 1],
        ['1.50', 'decimals', 1],
        ['1e3', 'format'],
        ['-0', 'format'],
        ['+5', 'format'],
        ['0x10', 'format'],
        ['Infinity', 'format'],
        ['NaN', 'format'],
        ['1,000', 'format'],
        ['.5', 'format', 2],
        ['5.', 'format', 2],
        ['٣', 'format'],
        ['0', 'positive'],
        ['0.00', 'positive', 2],
        ['', 'required'],
        ['  ', 'required'],
      ];
      for (const [input, expected, decimals] of cases) {
        const parsed = parseCreditAmount(input, { decimals });
        expect(typeof expected === 'number' ? parsed.value : parsed.problem, JSON.stringify(input)).to.equal(expected);
      }
      expect(parseCreditAmount('1,5', { decimals: 1, decimalSeparator: ',' }).value).to.equal(1.5);
      expect(parseCreditAmount('1.000', { decimals: 0, decimalSeparator: ',' }).problem).to.equal('decimals');
    });
  });
});
