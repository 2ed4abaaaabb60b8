/**
 * The app's design tokens as the chart library needs them: echarts draws on canvas and cannot read CSS, so
 * the tokens (base.css, and the series palette in charts.css) are read from the document once per chart
 * (read-theme.ts); these defaults mirror them.
 */

export interface ChartTheme {
  font: string;
  text: string;
  text2: string;
  text3: string;
  border: string;
  surface: string;
  /** Series colours in order; a series keeps its colour across a screen's charts when given the same index. */
  palette: string[];
}

/** What the tokens resolve to in base.css and charts.css; used where no document is available. */
export const DEFAULT_THEME: ChartTheme = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  text: '#18202c',
  text2: '#475367',
  text3: '#5f6b7d',
  border: '#dce0e6',
  surface: '#ffffff',
  palette: ['#2457c5', '#c8691c', '#12806f', '#7b4fc4', '#b1241c', '#6b7a12', '#b8407a', '#5f6b7d'],
};

export const PALETTE_SIZE = DEFAULT_THEME.palette.length;
