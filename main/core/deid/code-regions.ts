/**
 * Code in a text, as assistants and developers write it in chat and mail: a fenced block (``` or ~~~, to its closing
 * fence or the text's end), inline code (`…`), and lines of code written without a fence. Chat logs often hold an
 * answer's script with its fences stripped ("import gspread", "credentials = ServiceAccountCredentials.from_json(",
 * "context.arc(100, 100, 10, 0, 2 * Math.PI);"), and a model reads the identifiers there as names. The NER filter
 * reads a text's casing from its prose alone and drops code tokens inside code (ner-filter.ts).
 */
import { execAll } from './recognizers/exec-all.js';

const FENCED_OR_INLINE = /(```|~~~)[\s\S]*?(?:\1|$)|`[^`\n]+`/g;

/**
 * A line of code outside a fence, by its syntax (case-sensitive: prose opens its sentences with capitals, and a
 * post in lower case has no "=", "(" or ";" where these need them):
 * - an import ("import os", "from a.b import C", "import x from 'y';"), a definition ("def f(", "class A:",
 *   "function draw("), a declaration with a value ("const user =", "let mut i :=");
 * - an assignment to one identifier whose value opens as code does: a string, a bracket, a number, or a name
 *   called or reached into ("cmd = 'aws s3 sync'", "x = f(y)", "n = 3;"; not "Today = Morton's Salt motto");
 * - a call alone on its line ("os.system(cmd)", "context.stroke();");
 * - a markup tag opening the line ("<script>", "</html>"), closing brackets alone, or "} else {";
 * - a line ending in "{" ("for i in 0..(n - 1) {"), or in ";" with "=" or a call ("f(…)") in it and no full stop
 *   ("int n = 0;", "free(buf);"): a list item ending in ";" is prose ("- Call Ana Lopez (HR);"), and so is a post's
 *   "not sure yet( ;".
 */
const CODE_LINE = new RegExp(
  [
    String.raw`^[ \t]*(?:import[ \t]+[\w.$*{}, ]+(?:[ \t]+(?:as[ \t]+\w+|from[ \t]+['"][^'"]+['"]))?[ \t]*;?|from[ \t]+[\w.]+[ \t]+import[ \t]+[\w*, ()]+)[ \t]*$`,
    String.raw`^[ \t]*(?:def|class|function|fn|func|interface|struct)[ \t]+[\w$]+[ \t]*[(:{<]`,
    String.raw`^[ \t]*(?:var|let|const|val|auto)[ \t]+(?:mut[ \t]+)?[\w$]+[ \t]*(?::[^=\n]+)?:?=`,
    String.raw`^[ \t]*[\w$][\w$.[\]'"]*[ \t]*(?:[-+*/]?=|:=)[ \t]*(?:['"[{(]|-?\d[\d.]*[ \t]*;?[ \t]*$|[\w$]+[.([]|.*;[ \t]*$)`,
    String.raw`^[ \t]*[\w$][\w$.]*\([^\n]*\)[ \t]*;?[ \t]*$`,
    String.raw`^[ \t]*<\/?[a-zA-Z][\w-]*(?:[ \t][^>\n]*)?\/?>`,
    String.raw`^[ \t]*[}\])][}\]);,]*[ \t]*$`,
    String.raw`^[ \t]*}.*{[ \t]*$`,
    String.raw`^[^\n.]*(?:=|[\w$]\([^()\n]*\))[^\n.]*;[ \t]*$`,
    String.raw`^[^\n]*\S[ \t]*{[ \t]*$`,
  ].join('|'),
);

/** Every line of the text with its [start, end), the line break left out. */
function* linesOf(text: string): Generator<[number, number]> {
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    yield [start, stop];
    if (end === -1) return;
    start = end + 1;
  }
}

/** Whether one line (no line break in it) is a line of code by its syntax (CODE_LINE). */
export function isCodeLine(line: string): boolean {
  return line.trim() !== '' && CODE_LINE.test(line);
}

/** Cheap signs of code a text must hold before its lines are read one by one: most prose has none of them. */
const CODE_SIGN = /[=;{}<(]|\bimport\b/;

/**
 * The code regions of a text, as [start, end) pairs in order: fenced blocks and inline code, then the lines of code
 * outside them (each line a region of its own, so prose between two lines stays prose).
 */
export function codeRegions(text: string): [number, number][] {
  const fenced: [number, number][] =
    text.includes('`') || text.includes('~~~') ? execAll(FENCED_OR_INLINE, text).map((match) => [match.index, match.index + match[0].length]) : [];
  if (!CODE_SIGN.test(text)) return fenced;
  const regions = [...fenced];
  for (const [start, end] of linesOf(text)) {
    if (fenced.some(([s, e]) => s < end && start < e)) continue;
    if (isCodeLine(text.slice(start, end))) regions.push([start, end]);
  }
  return regions.length === fenced.length ? fenced : regions.sort((a, b) => a[0] - b[0]);
}
