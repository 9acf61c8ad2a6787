import { useState } from 'preact/hooks';
import { AdminApiError, createAdminClient } from '../admin-client.ts';
import type { Session } from '../session.ts';

/** Admin-token sign-in; the token is checked against the admin API before it is kept. */
export function LoginForm({
  defaultEndpoint,
  onLogin,
  fetch: fetchImpl,
}: {
  defaultEndpoint: string;
  onLogin: (session: Session) => void;
  fetch?: typeof fetch;
}) {
  const [endpoint, setEndpoint] = useState(defaultEndpoint);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const session = { endpoint: endpoint.trim(), token: token.trim() };
    try {
      await createAdminClient({ ...session, ...(fetchImpl ? { fetch: fetchImpl } : {}) }).config();
      onLogin(session);
    } catch (e) {
      setError(
        e instanceof AdminApiError && (e.status === 401 || e.status === 403)
          ? 'That admin token was not accepted.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Headroom growth console</h1>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label for="login-endpoint">Edge endpoint</label>
        <input
          id="login-endpoint"
          type="url"
          required
          value={endpoint}
          onInput={(e) => setEndpoint(e.currentTarget.value)}
        />
        <label for="login-token">Admin token</label>
        <input
          id="login-token"
          type="password"
          required
          autoComplete="current-password"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        {error && (
          <p id="login-error" role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="meta">
        The token is kept in this tab only (session storage) and sent to the edge's admin API.
      </p>
    </main>
  );
}
