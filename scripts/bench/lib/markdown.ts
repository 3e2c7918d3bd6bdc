/**
 * Markdown tables for benchmark reports, printed the way Prettier formats them (columns padded to
 * a common width) so that docs/benchmarks.md passes `prettier --check` as appended. Cells are
 * escaped so that a value holding a pipe or a line break (a solver's reason text, for instance)
 * cannot break the table.
 */
export type Cell = string | number | null;

export function markdownTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widthOk = rows.every((row) => row.length === header.length);
  if (!widthOk) throw new Error(`every row needs ${header.length} cells`);
  const texts = [header, ...rows].map((row) => row.map(formatCell));
  const widths = header.map((_, column) => Math.max(3, ...texts.map((row) => displayWidth(row[column]!))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - displayWidth(cell))).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  const [headerTexts, ...rowTexts] = texts;
  return [line(headerTexts!), rule, ...rowTexts.map(line)].join('\n');
}

function formatCell(cell: Cell): string {
  if (cell === null) return '–';
  return String(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Columns a string takes in a monospace font: East Asian wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/** A number with a fixed count of decimals, or a dash when there is none. */
export function fixed(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(decimals);
}

/** A signed percentage ("+1.23 %", "-0.40 %"). */
export function percent(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value >= 0 ? '+' : ''}${value.toFixed(decimals)} %`;
}
