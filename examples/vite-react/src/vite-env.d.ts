/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_HEADROOM_ENDPOINT?: string;
}
