/**
 * One reactive controller owns one Chart.js instance: it creates the chart
 * after the canvas is rendered, updates it in place when the data changes
 * (never re-creating it; an update that changes nothing drawn leaves it
 * alone), lets Chart.js follow the container's size, and destroys it when
 * the element leaves the document — and creates it again if the element
 * comes back.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { color } from 'chart.js/helpers';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

// Only what the panels draw: bars, lines, doughnuts and pies.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
);

/** The theme colours a chart reads from the element's custom properties. */
export interface ChartTheme {
  series: string[];
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  /** The keyboard focus colour. */
  focus: string;
  danger: string;
  font: string;
  reducedMotion: boolean;
  /** Whether the element is laid out right to left: charts mirror (categories run right to left, the value axis sits on the right). */
  rtl: boolean;
}

/** Whether an element is laid out right to left (its resolved CSS `direction`, which follows `dir` on it or any ancestor). */
export function isRtl(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}

/** Reads the resolved `--_*` theme tokens of an element. */
export function readTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const accent = v('--_accent', '#4f46e5');
  return {
    series: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => v(`--_c${i}`, '#888888')),
    text: v('--_text', '#1f2328'),
    muted: v('--_muted', '#59636e'),
    grid: v('--_grid', 'rgba(0,0,0,0.1)'),
    surface: v('--_surface', '#ffffff'),
    accent,
    focus: v('--_focus', accent),
    danger: v('--_danger', '#c2410c'),
    font: style.fontFamily || 'system-ui, sans-serif',
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
    rtl: style.direction === 'rtl',
  };
}

/** A series colour faded, for what is not selected or highlighted. */
export function dim(value: string): string {
  const c = color(value);
  return c.valid ? c.alpha(0.3).rgbString() : value;
}

/** The look every panel's tooltip shares: the surface, text and grid colours of the theme, in its font. */
export function tooltipStyle(theme: ChartTheme) {
  return {
    backgroundColor: theme.surface,
    titleColor: theme.text,
    bodyColor: theme.text,
    borderColor: theme.grid,
    borderWidth: 1,
    titleFont: { family: theme.font },
    bodyFont: { family: theme.font },
  };
}

/**
 * What every panel's chart shares, added to its configuration:
 * - it fills its box, whose height is a custom property (no aspect ratio of its own);
 * - it does not animate under `prefers-reduced-motion`, whatever the panel asks for;
 * - a chart whose box was squeezed to nothing for a moment (a grid
 *   settling, a card shown) comes back in Chart.js's "attach" mode, which
 *   would grow every bar or arc again from zero — or leave it tiny when a
 *   screenshot or a user looks at it then: that transition is skipped.
 */
function withPanelDefaults(config: ChartConfiguration, theme: ChartTheme): ChartConfiguration {
  const options = config.options ?? {};
  return {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      ...options,
      ...(theme.reducedMotion ? { animation: false } : {}),
      transitions: { attach: { animation: { duration: 0 } }, ...options.transitions },
    },
  } as ChartConfiguration;
}

export interface ChartControllerOptions {
  /** The canvas to draw on, once rendered. */
  canvas: () => HTMLCanvasElement | null | undefined;
  /** The chart's configuration for the current data and theme; `undefined` while there is nothing to draw. */
  config: (theme: ChartTheme) => ChartConfiguration | undefined;
  /**
   * Whether the chart as drawn still shows what `config` would give now:
   * then a host update leaves it alone (no new configuration, no Chart.js
   * update). Without it, every host update redraws.
   */
  upToDate?: () => boolean;
}

export class ChartController implements ReactiveController {
  #chart?: Chart;
  #canvas?: HTMLCanvasElement;
  #themeQuery?: MediaQueryList;
  readonly #host: ReactiveControllerHost & Element;
  readonly #options: ChartControllerOptions;
  /** Set when the system colour scheme changed: the next update redraws, whatever `upToDate` says. */
  #schemeChanged = false;
  readonly #onSchemeChange = () => {
    this.#schemeChanged = true;
    this.#host.requestUpdate();
  };
  /** How many times a chart was created: tests check updates do not re-create. */
  created = 0;

  constructor(host: ReactiveControllerHost & Element, options: ChartControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The live chart, if any. */
  get chart(): Chart | undefined {
    return this.#chart;
  }

  hostConnected(): void {
    // Colours follow a change of the system theme.
    this.#themeQuery = matchMedia('(prefers-color-scheme: dark)');
    this.#themeQuery.addEventListener('change', this.#onSchemeChange);
    // Back in the document after a removal: draw again.
    if (!this.#chart) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#themeQuery?.removeEventListener('change', this.#onSchemeChange);
    this.destroy();
  }

  hostUpdated(): void {
    const canvas = this.#options.canvas() ?? undefined;
    if (this.#chart && this.#canvas === canvas && !this.#schemeChanged && this.#options.upToDate?.()) return;
    this.#schemeChanged = false;
    const theme = canvas && this.#host.isConnected ? readTheme(this.#host) : undefined;
    const config = theme && this.#options.config(theme);
    if (!canvas || !theme || !config) {
      this.destroy();
      return;
    }
    const full = withPanelDefaults(config, theme);
    if (this.#chart && this.#canvas === canvas && (this.#chart.config as ChartConfiguration).type === full.type) {
      // In place: new data and options, one update, no re-creation.
      this.#chart.data = full.data;
      this.#chart.options = full.options ?? {};
      this.#chart.update();
      return;
    }
    this.destroy();
    this.#canvas = canvas;
    this.#chart = new Chart(canvas, full);
    this.created++;
  }

  /** Destroys the chart (it is created again on the next update if the canvas is there). */
  destroy(): void {
    this.#chart?.destroy();
    this.#chart = undefined;
    this.#canvas = undefined;
  }
}

export { Chart };
