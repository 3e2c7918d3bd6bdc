import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * A Solomon (1987) VRPTW instance as its text file gives it (see
 * ../shared/benchmarks/solomon/README.md): a name, the fleet, and the depot (customer 0, whose
 * window is the planning horizon) followed by the customers.
 */
export interface SolomonCustomer {
  id: number;
  x: number;
  y: number;
  demand: number;
  readyTime: number;
  dueDate: number;
  serviceTime: number;
}

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  depot: SolomonCustomer;
  customers: SolomonCustomer[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const name = lines.find((line) => line.length > 0);
  if (!name) throw new Error('empty Solomon file');
  const fleetHeader = lines.findIndex((line) => /^NUMBER\s+CAPACITY$/.test(line));
  const fleet = fleetHeader < 0 ? undefined : numbersOf(lines[fleetHeader + 1] ?? '');
  if (!fleet || fleet.length !== 2)
    throw new Error(`${name}: no "NUMBER CAPACITY" line followed by two numbers`);
  const customerHeader = lines.findIndex((line) => line.startsWith('CUST NO.'));
  if (customerHeader < 0) throw new Error(`${name}: no customer table`);

  const rows: SolomonCustomer[] = [];
  for (const line of lines.slice(customerHeader + 1)) {
    if (line.length === 0) continue;
    const values = numbersOf(line);
    if (values.length !== 7) throw new Error(`${name}: customer row "${line}" does not have 7 numbers`);
    const [id, x, y, demand, readyTime, dueDate, serviceTime] = values as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    rows.push({ id, x, y, demand, readyTime, dueDate, serviceTime });
  }
  const [depot, ...customers] = rows;
  if (!depot || depot.id !== 0) throw new Error(`${name}: the first customer row must be the depot (0)`);
  return { name, vehicles: fleet[0]!, capacity: fleet[1]!, depot, customers };
}

function numbersOf(line: string): number[] {
  const fields = line.split(/\s+/).filter((field) => field.length > 0);
  const values = fields.map(Number);
  return values.some((value) => Number.isNaN(value)) ? [] : values;
}

/** The family a name belongs to: C1, C2, R1, R2, RC1 or RC2 (the name without its two last digits). */
export function familyOf(name: string): string {
  return name.slice(0, -2);
}

export const SOLOMON_FAMILIES = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2'] as const;

/** Instance names available in a folder of `<NAME>.txt` files, in Solomon's order. */
export function listInstances(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => basename(file, '.txt'))
    .sort(compareInstanceNames);
}

export function readInstance(dir: string, name: string): SolomonInstance {
  return parseSolomon(readFileSync(join(dir, `${name}.txt`), 'utf8'));
}

/** C before R before RC, then by number (C101 < C201 < R101 < RC101). */
export function compareInstanceNames(a: string, b: string): number {
  const order = (name: string) =>
    SOLOMON_FAMILIES.indexOf(familyOf(name) as (typeof SOLOMON_FAMILIES)[number]);
  return order(a) - order(b) || a.localeCompare(b);
}

/** Euclidean distance in double precision: Solomon's travel time and distance. */
export function euclidean(a: Pick<SolomonCustomer, 'x' | 'y'>, b: Pick<SolomonCustomer, 'x' | 'y'>): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
