import { Billing } from './billing';

// A server component: it renders the page shell; the widgets live in the client component.
export default function Page() {
  return (
    <main>
      <h1>Billing</h1>
      <Billing endpoint={process.env.NEXT_PUBLIC_HEADROOM_ENDPOINT ?? 'http://localhost:8787'} />
    </main>
  );
}
