// The runtime pieces of the peer dependencies, imported through this one module (and `h` as
// each .tsx file's classic-runtime JSX factory) so a bundle that keeps the peers external
// carries one import statement per peer instead of one per file (≈250 B gzip).
export { signal } from '@preact/signals';
export { createContext, Fragment, h, render } from 'preact';
export { useContext, useEffect, useErrorBoundary, useId, useMemo, useRef, useState } from 'preact/hooks';
