/**
 * Markdown tables for benchmark reports. Cells are escaped so that a value holding a pipe or a
 * line break (a solver's reason text, for instance) cannot break the table.
 */
export type Cell = string | number | null;

export function markdownTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widthOk = rows.every((row) => row.length === header.length);
  if (!widthOk) throw new Error(`every row needs ${header.length} cells`);
  const line = (cells: readonly Cell[]) => `| ${cells.map(formatCell).join(' | ')} |`;
  const rule = `| ${header.map(() => '---').join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function formatCell(cell: Cell): string {
  if (cell === null) return '–';
  return String(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
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
