import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

type Catalog = Record<string, string>;
/** The browser modules are plain JS without types; loaded by URL, typed here. */
async function catalog(file: string, name: string): Promise<Catalog> {
  const url = pathToFileURL(path.resolve(import.meta.dirname, '../../src/console/public/i18n', file)).href;
  return ((await import(url)) as Record<string, Catalog>)[name]!;
}
const en = await catalog('en.js', 'en');
const zhCN = await catalog('zh-CN.js', 'zhCN');

/** The console's two catalogs: the same keys, the same placeholders, no empty Chinese message. */
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console message catalogs', () => {
  it('have the same keys in en and zh-CN', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const en_ = en as Record<string, string>;
    const zh = zhCN as Record<string, string>;
    for (const key of Object.keys(en_))
      expect([key, placeholders(zh[key] ?? '')]).toEqual([key, placeholders(en_[key]!)]);
  });

  it('translate every message that English says in words', () => {
    const untranslated = Object.keys(en).filter(
      (key) => /[a-z]{3}/i.test(en[key]!) && !key.startsWith('hint.') && zhCN[key] === en[key],
    );
    expect(untranslated).toEqual([]);
  });
});
