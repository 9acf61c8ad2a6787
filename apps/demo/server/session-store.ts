import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { defaultScenario, type Scenario, scenarioSchema } from './scenario.ts';

const fileSchema = z.record(z.string(), scenarioSchema);

/** Demo sessions (one scenario per browser cookie), persisted as one JSON file in the data dir. */
export interface SessionStore {
  /** The scenario of a session, created from the default preset on first sight. */
  get(sid: string): Scenario;
  set(sid: string, scenario: Scenario): void;
  /** A new unguessable session id. */
  newId(): string;
}

const shortId = () => randomBytes(6).toString('hex');

/**
 * Opens (or creates) `<dataDir>/demo-sessions.json`; writes are atomic (write then rename).
 * `newAccountId` names the account of a new session (the server passes one that no trigger
 * holds out).
 */
export function createSessionStore(
  dataDir: string,
  newAccountId: () => string = () => `acct_${shortId()}`,
): SessionStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-sessions.json');
  let sessions: Record<string, Scenario> = {};
  try {
    sessions = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // First run, or a file from an older demo: start with no sessions.
  }
  const save = () => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(sessions));
    renameSync(tmp, file);
  };
  return {
    get(sid) {
      let scenario = sessions[sid];
      if (!scenario) {
        scenario = defaultScenario(newAccountId(), `user_${shortId()}`);
        sessions[sid] = scenario;
        save();
      }
      return scenario;
    },
    set(sid, scenario) {
      sessions[sid] = scenarioSchema.parse(scenario);
      save();
    },
    newId: () => randomBytes(18).toString('base64url'),
  };
}

export { shortId };
