/**
 * Impatient users on the allocation table, beyond what the element's own
 * suite covers (1e3, -0, 0x10, ' 5 ', full-width digits, a double click on
 * Transfer, closing while a transfer is in flight): triple clicks on every
 * confirming button, odd full-width input, and a second transfer started
 * while the first is still in flight. Only valid amounts reach the adapter,
 * each once.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { TransferRequest } from '../../src/data/types.js';
import type { WorkspaceAllocationTable } from '../../src/elements/workspace-allocation-table/workspace-allocation-table.js';
import { ev, smallOrg } from '../data/fixtures.js';
import { amountError, button, deferred, dialog, dialogButton, mount, openManage, pressTransfer, spy, text, typeAmount } from '../elements/fixtures/allocation.js';
import { watchWindow } from './helpers.js';

const DAY = '2026-11-02T10:00:00Z';

const remaining = (el: WorkspaceAllocationTable, id: string) =>
  text(el.shadowRoot!.querySelector(`tr[data-workspace="${id}"] .remaining .value`));

const org = () => new MemoryDataSource(smallOrg({}, [ev(DAY, 300, 'm1', 'a', 'chat')]));

describe('impatient users on the allocation table', function () {
  this.timeout(20_000);
  let watch: ReturnType<typeof watchWindow>;
  beforeEach(() => (watch = watchWindow()));
  afterEach(() => watch.stop());

  it('refuses odd full-width and look-alike input, sending nothing', async () => {
    const source = org();
    const calls = spy(source, 'transferCredits');
    const el = await mount(source);
    await openManage(el, 'Workspace B');
    const refused: [string, string][] = [
      ['－５', 'Enter digits only'], // full-width minus
      ['１e３', 'Enter digits only'], // full-width digits around an exponent
      ['１．５', 'Enter whole credits'], // a full-width point: more decimals than whole credits have
      ['5.0', 'Enter whole credits'], // a zero decimal is still a decimal
      ['٥', 'Enter digits only'], // Arabic-Indic five
      ['5 5', 'Enter digits only'],
      ['0', 'greater than 0'],
      ['０', 'greater than 0'],
      ['99999999999999999999', 'has only'], // more than the primary holds
    ];
    for (const [input, message] of refused) {
      await typeAmount(el, input);
      await pressTransfer(el);
      expect(amountError(el), JSON.stringify(input)).to.contain(message);
    }
    await aTimeout(20);
    expect(calls, 'nothing reached the adapter').to.have.length(0);
    el.closeDialog();
    expect(watch.seen).to.deep.equal([]);
  });

  it('refuses more decimals than credit-decimals allows, also typed full-width', async () => {
    const source = org();
    const calls = spy(source, 'transferCredits');
    const el = await mount(source, { decimals: 2 });
    await openManage(el, 'Workspace B');
    const refused: [string, string][] = [
      ['0.001', 'Use at most 2 decimal places.'],
      ['１．２３４', 'Use at most 2 decimal places.'],
      ['1.2.3', 'Enter digits only, like 250: no signs, exponents or thousands separators.'],
    ];
    for (const [input, message] of refused) {
      await typeAmount(el, input);
      await pressTransfer(el);
      expect(amountError(el), input).to.equal(message);
    }
    await typeAmount(el, '１．２５');
    dialogButton(el, 'Transfer')!.click();
    await waitUntil(() => !dialog(el).open, 'dialog closed');
    expect(calls.map((c) => (c[0] as TransferRequest).amount)).to.deep.equal([1.25]);
  });

  it('a triple click on Transfer, Delete and Switch each sends one request', async () => {
    const source = org();
    let gate = deferred();
    const transfers = spy(source, 'transferCredits', () => gate.promise);
    const deletions = spy(source, 'deleteWorkspace', () => gate.promise);
    const modes = spy(source, 'setCreditMode', () => gate.promise);
    const el = await mount(source);

    await openManage(el, 'Workspace B');
    await typeAmount(el, '250');
    const transfer = dialogButton(el, 'Transfer')!;
    transfer.click();
    transfer.click();
    transfer.click();
    gate.resolve();
    await waitUntil(() => !dialog(el).open, 'transfer dialog closed');
    expect(transfers).to.have.length(1);
    expect(remaining(el, 'b')).to.equal('3,250');

    gate = deferred();
    button(el, 'Delete Workspace A')!.click();
    await waitUntil(() => dialog(el).open, 'delete dialog open');
    const confirm = dialog(el).querySelector<HTMLButtonElement>('[part="confirm"]')!;
    confirm.click();
    confirm.click();
    confirm.click();
    gate.resolve();
    await waitUntil(() => !dialog(el).open, 'delete dialog closed');
    expect(deletions).to.have.length(1);
    expect(el.shadowRoot!.querySelector('tr[data-workspace="a"]')).to.equal(null);

    gate = deferred();
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="mode-select"]')!;
    select.value = 'shared-pool';
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitUntil(() => dialog(el).open, 'mode dialog open');
    const sw = dialog(el).querySelector<HTMLButtonElement>('[part="confirm"]')!;
    sw.click();
    sw.click();
    sw.click();
    gate.resolve();
    await waitUntil(() => !dialog(el).open, 'mode dialog closed');
    expect(modes).to.have.length(1);
    await aTimeout(20);
    expect([transfers.length, deletions.length, modes.length]).to.deep.equal([1, 1, 1]);
    expect(watch.seen).to.deep.equal([]);
  });

  it('closing mid-flight and starting another transfer sends nothing until the first lands, then each once', async () => {
    const source = org();
    let gate = deferred();
    const calls = spy(source, 'transferCredits', () => gate.promise);
    const el = await mount(source);
    await openManage(el, 'Workspace B');
    await typeAmount(el, '100');
    await pressTransfer(el);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(el).open, 'closed mid-flight');

    // Impatient: the same transfer again, while the first is still in flight.
    await openManage(el, 'Workspace B');
    await typeAmount(el, '100');
    dialogButton(el, 'Transfer')!.click();
    await pressTransfer(el);
    await aTimeout(20);
    expect(calls, 'one change in flight at a time').to.have.length(1);
    expect(text(dialog(el))).to.contain('Another change is in progress; try again when it completes.');

    gate.resolve();
    await waitUntil(() => remaining(el, 'b') === '3,100', 'first transfer shown');
    gate = deferred();
    gate.resolve();
    dialogButton(el, 'Transfer')!.click();
    await waitUntil(() => !dialog(el).open, 'second transfer done');
    expect(calls.map((c) => (c[0] as TransferRequest).amount)).to.deep.equal([100, 100]);
    const keys = calls.map((c) => (c[0] as TransferRequest).idempotencyKey);
    expect(keys[0]).to.not.equal(keys[1]);
    expect(remaining(el, 'b')).to.equal('3,200');
    expect(watch.seen).to.deep.equal([]);
  });
});
