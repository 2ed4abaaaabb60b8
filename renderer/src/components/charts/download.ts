/**
 * Saving a chart from the renderer. The app's other files (exports, audit exports) are written by main into
 * the workspace; a chart's picture and numbers are already in the page, so they are handed to the shell's own
 * download (an anchor with a data: URL) and nothing crosses the bridge. The PNG gets the chart's title drawn
 * above it, so a saved picture says what it shows.
 */

/** Starts the download of `url` as `name`. */
export function saveUrl(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

export interface TitledPng {
  title: string;
  subtitle?: string;
  /** The chart as a PNG data URL (echarts getDataURL) and the pixel ratio it was drawn at. */
  chartUrl: string;
  pixelRatio: number;
  font: string;
  text: string;
  text2: string;
  background: string;
}

const PAD = 16;

/** The chart's picture with its title (and subtitle) above it, as a PNG data URL. */
export async function titledPng(input: TitledPng): Promise<string> {
  const image = new Image();
  image.src = input.chartUrl;
  await image.decode();
  const r = input.pixelRatio;
  const head = input.subtitle ? 62 : 42;
  const canvas = document.createElement('canvas');
  canvas.width = image.width + 2 * PAD * r;
  canvas.height = image.height + (head + PAD) * r;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This window cannot draw images; the chart was not saved.');
  g.fillStyle = input.background;
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.scale(r, r);
  g.textBaseline = 'top';
  g.fillStyle = input.text;
  g.font = `600 15px ${input.font}`;
  g.fillText(input.title, PAD, PAD);
  if (input.subtitle) {
    g.fillStyle = input.text2;
    g.font = `12px ${input.font}`;
    g.fillText(input.subtitle, PAD, PAD + 21);
  }
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.drawImage(image, PAD * r, head * r);
  return canvas.toDataURL('image/png');
}
