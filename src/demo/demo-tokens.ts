import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccessTokenService } from '../auth/access-token.service.ts';
import { ROLES, type Role } from '../auth/roles.ts';
import type { Logger } from '../logger.ts';

/** One token per role for the demo, named after it. */
export const DEMO_TOKEN_NAMES: Readonly<Record<Role, string>> = {
  dispatcher: 'demo-dispatcher',
  depot_manager: 'demo-depot-manager',
  planner: 'demo-planner',
  admin: 'demo-admin',
};
const ACTOR = 'system:demo';
export const DEMO_TOKENS_FILE = 'demo-tokens.json';

export type DemoTokens = Record<Role, string>;

interface DemoTokenFile {
  note: string;
  tokens: DemoTokens;
}

async function readTokenFile(file: string): Promise<Partial<DemoTokens>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DemoTokenFile>;
    return parsed.tokens && typeof parsed.tokens === 'object' ? parsed.tokens : {};
  } catch {
    return {};
  }
}

/** Whether the saved file holds a working token of the right name for every role. */
async function stillValid(tokens: AccessTokenService, saved: Partial<DemoTokens>): Promise<boolean> {
  for (const role of ROLES) {
    const token = saved[role];
    if (typeof token !== 'string') return false;
    try {
      const principal = await tokens.authenticate(`Bearer ${token}`, undefined);
      if (principal.role !== role || principal.name !== DEMO_TOKEN_NAMES[role]) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The demo's way in: one token per role, printed in the start log and kept in
 * `<DATA_DIR>/demo-tokens.json` so a newcomer can call the API and open the console. The file's
 * tokens are reused while they all still work; otherwise the demo tokens are revoked and issued
 * anew. Nothing is issued where someone manages access for real (any other token in force, such
 * as the ADMIN_TOKEN one): the demo must not open a door in a real deployment.
 */
export async function ensureDemoTokens(deps: {
  tokens: AccessTokenService;
  dataDir: string;
  logger: Logger;
}): Promise<{ file: string; tokens: DemoTokens } | undefined> {
  const { tokens, logger } = deps;
  const file = path.resolve(deps.dataDir, DEMO_TOKENS_FILE);
  const saved = await readTokenFile(file);
  if (await stillValid(tokens, saved)) {
    logger.info({ file, tokens: saved }, 'demo API tokens (Authorization: Bearer <token>)');
    return { file, tokens: saved as DemoTokens };
  }
  const names = Object.values(DEMO_TOKEN_NAMES);
  if (await tokens.anyActiveOtherThan(names)) {
    logger.info('API tokens are managed on this database; no demo tokens issued');
    return undefined;
  }
  await tokens.revokeNamed(names, ACTOR);
  const issued = {} as DemoTokens;
  for (const role of ROLES)
    issued[role] = (await tokens.issue({ name: DEMO_TOKEN_NAMES[role], role }, ACTOR)).token;
  await mkdir(path.dirname(file), { recursive: true });
  const content: DemoTokenFile = {
    note: 'Demo API tokens, one per role: send one as "Authorization: Bearer <token>" or paste it into the console.',
    tokens: issued,
  };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  logger.info({ file, tokens: issued }, 'demo API tokens issued (Authorization: Bearer <token>)');
  return { file, tokens: issued };
}
