/**
 * What the demo's pages (the dashboard and the playground) do alike in the
 * browser: generate the large organisation off the page's thread, repaint
 * charts after a brand change, and tell when a dashboard's panels have
 * settled.
 */
import { generateDemoData, type DemoDataOptions } from '../src/data/demo-data.js';
import { MemoryDataSource } from '../src/data/memory.js';
import { unpackDemoData, type PackedDemoData } from './datasets.js';

/** A paint's worth of pause, so a state shown before long work is seen. */
export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * A memory source on a generated organisation, made without freezing the
 * page: generated in a worker and unpacked in slices (on the page after a
 * paint, where module workers are missing).
 */
export async function generateOffThread(options: DemoDataOptions): Promise<MemoryDataSource> {
  let packed: PackedDemoData;
  try {
    const worker = new Worker(new URL('./generate.worker.ts', import.meta.url), { type: 'module' });
    packed = await new Promise<PackedDemoData>((resolve, reject) => {
      // One worker per organisation: it answers this one request.
      worker.addEventListener('message', (event: MessageEvent<{ packed?: PackedDemoData; error?: string }>) => {
        if (event.data.packed) resolve(event.data.packed);
        else reject(new Error(event.data.error ?? 'The generator failed.'));
      });
      worker.addEventListener('error', (event) => reject(new Error(event instanceof ErrorEvent ? event.message : 'The generator could not start.')));
      worker.postMessage({ id: 1, options });
    }).finally(() => worker.terminate());
  } catch {
    await nextFrame();
    return new MemoryDataSource(generateDemoData(options));
  }
  const data = await unpackDemoData(packed, { pause: () => new Promise((resolve) => setTimeout(resolve, 0)) });
  await nextFrame();
  return new MemoryDataSource(data);
}

/**
 * Charts take their colours when they draw (docs/theming.md): after a brand
 * change, the element and every element inside it (a dashboard's panels)
 * update, without reloading.
 */
export function repaint(element: Element): void {
  for (const el of [element, ...element.children, ...(element.shadowRoot?.querySelectorAll('*') ?? [])]) {
    if ('requestUpdate' in el && typeof el.requestUpdate === 'function') el.requestUpdate();
  }
}

/** A dashboard's panels: those of its default layout, or the ones put inside it. */
export function dashboardPanels(dashboard: Element): Element[] {
  const shadow = dashboard.shadowRoot;
  if (!shadow) return [];
  const grid = shadow.querySelector('[part~="grid"]');
  return grid ? [...grid.children] : [...dashboard.children];
}

/** Every panel has finished loading (and has a state to show, if it has one). */
export function panelsSettled(panels: readonly Element[]): boolean {
  return panels.length > 0 && panels.every((p) => p.getAttribute('state') !== 'loading' && !p.hasAttribute('loading') && (p.hasAttribute('state') || !('state' in p)));
}
