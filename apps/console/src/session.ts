import * as z from 'zod/mini';

/** Who is signed in: the edge to talk to and the admin token. */
export interface Session {
  endpoint: string;
  token: string;
}

const KEY = 'headroom.console.session';
const sessionSchema = z.object({ endpoint: z.string(), token: z.string().check(z.minLength(1)) });

/** The session kept in sessionStorage (gone when the tab closes); `null` when absent or corrupt. */
export function loadSession(storage: Pick<Storage, 'getItem'>): Session | null {
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Pick<Storage, 'setItem' | 'removeItem'>, session: Session | null): void {
  if (session === null) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify(session));
}
