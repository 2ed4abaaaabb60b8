/** The names downloaded charts get. */

/** A file name from a title: lower case, dashes, today's date, the extension. */
export function downloadName(title: string, extension: 'png' | 'csv', now = new Date()): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'chart';
  return `quarry-${slug}-${now.toISOString().slice(0, 10)}.${extension}`;
}
