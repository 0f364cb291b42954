/**
 * Vue 3: the elements are custom elements to Vue (`isCustomElement`), the
 * adapter goes in as a DOM property (`.prop`), events are plain `@` listeners.
 *
 * This page uses Vue's browser build, which compiles the template string at
 * runtime and needs no bundler. With Vite and single-file components, import
 * from 'vue' and set `isCustomElement` in the Vue plugin's
 * `template.compilerOptions` instead (docs/frameworks.md).
 */
import { createApp, markRaw, ref } from 'vue/dist/vue.esm-browser.js';
// In an application: 'credit-usage-elements'.
import '../../src/index.js';
import type { DaySelectDetail, RangeChangeDetail } from '../../src/index.js';
import { AcmeSource, ACME_NOW } from '../shared/acme-source.js';
import { describeDay, describeRange } from '../shared/status.js';

const TAGS = new Set(['range-picker', 'workspace-allocation-table', 'member-usage-table']);

const app = createApp({
  setup() {
    return {
      // markRaw: Vue never wraps the adapter in a reactive proxy, which would break its private (#) fields.
      source: markRaw(new AcmeSource()),
      // The example data ends on 20 October 2026: pin "today" there. Leave `now` unset in an application.
      now: ACME_NOW,
      range: ref<RangeChangeDetail>(),
      day: ref<DaySelectDetail>(),
      describeRange,
      describeDay,
    };
  },
  template: `
    <h1>Vue</h1>
    <p class="status" role="status">
      <span data-status="range">{{ describeRange(range) }}</span>
      <span data-status="day">{{ describeDay(day) }}</span>
    </p>
    <credit-dashboard
      :dataSource.prop="source"
      :now.prop="now"
      @range-change="range = $event.detail"
      @day-select="day = $event.detail"
    ></credit-dashboard>
  `,
});
app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('credit-') || TAGS.has(tag);
app.mount('#app');
