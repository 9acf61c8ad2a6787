/** What the global setup hands each e2e file: where the real servers listen, and their keys. */
export interface DemoEnv {
  demo: string;
  plain: string;
  edge: string;
  receiver: string;
  console: string | null;
  dataDir: string;
  adminToken: string;
  serverKey: string;
  secret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    demo: DemoEnv;
  }
}
