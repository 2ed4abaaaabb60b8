/** Reads the chart theme from the document's CSS custom properties, falling back to the defaults. */
import { DEFAULT_THEME, type ChartTheme } from './chart-theme';

export function readTheme(): ChartTheme {
  if (typeof document === 'undefined') return DEFAULT_THEME;
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    font: token('--font', DEFAULT_THEME.font),
    text: token('--text', DEFAULT_THEME.text),
    text2: token('--text-2', DEFAULT_THEME.text2),
    text3: token('--text-3', DEFAULT_THEME.text3),
    border: token('--border', DEFAULT_THEME.border),
    surface: token('--surface', DEFAULT_THEME.surface),
    palette: DEFAULT_THEME.palette.map((fallback, i) => token(`--chart-${i + 1}`, fallback)),
  };
}
