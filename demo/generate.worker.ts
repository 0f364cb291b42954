/**
 * Generates a demo organisation off the page's thread (the 10,000-member one
 * takes a while) and hands it back as columns, without copying.
 *   → { id, options: DemoDataOptions }   ← { id, packed } | { id, error }
 */
import { generateDemoData, type DemoDataOptions } from '../src/data/demo-data.js';
import { packDemoData } from './datasets.js';

addEventListener('message', (event: MessageEvent<{ id: number; options: DemoDataOptions }>) => {
  const { id, options } = event.data;
  try {
    const { packed, transfer } = packDemoData(generateDemoData(options));
    postMessage({ id, packed }, { transfer });
  } catch (error) {
    postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
