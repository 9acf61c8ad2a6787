import { useState } from 'preact/hooks';
import { teamMembers } from '../data.ts';
import { demoApi } from '../demo-api.ts';
import { useKit } from '../kit.ts';
import { announce$, session$ } from '../state.ts';

/** Team members (the seats meter) and invitations. */
export function TeamPage() {
  const kit = useKit();
  const session = session$.value;
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState<string[]>([]);
  if (!session) return null;
  const members = teamMembers(session.scenario.usage.seats);
  const invite = async (e: Event) => {
    e.preventDefault();
    const { inviteId } = await demoApi.invite(email);
    kit?.hr.invites.sent({ inviteId, channel: 'team_page' });
    setPending([...pending, email]);
    announce$.value = `Invitation sent to ${email}.`;
    setEmail('');
  };
  return (
    <section aria-labelledby="team-title">
      <div class="page-head">
        <h1 id="team-title">Team</h1>
      </div>
      {kit && (
        <div class="card">
          <kit.UsageBar meter="seats" />
        </div>
      )}
      <form class="card row" onSubmit={invite}>
        <div class="field grow">
          <label for="invite-email">Invite a teammate</label>
          <input
            id="invite-email"
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn primary">
          Send invite
        </button>
      </form>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.email}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{m.role}</td>
            </tr>
          ))}
          {pending.map((p) => (
            <tr key={p}>
              <td>—</td>
              <td>{p}</td>
              <td>Invited</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
