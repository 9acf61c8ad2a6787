/** Colour tokens of a theme; each is overridable by the `--headroom-<token>` custom property. */
export interface ThemeTokens {
  /** Surface of cards and dialogs. */
  bg: string;
  /** Body text. */
  fg: string;
  /** Secondary text. */
  muted: string;
  /** Card borders (decorative). */
  border: string;
  /** Form control borders (3:1 against `bg`). */
  control: string;
  /** Primary buttons and links. */
  accent: string;
  /** Text on `accent`. */
  'accent-fg': string;
  /** Empty part of a usage bar. */
  track: string;
  ok: string;
  warn: string;
  danger: string;
  focus: string;
}

/** Light theme; every text colour is ≥ 4.5:1 on `bg` (checked by a test). */
export const lightTheme: ThemeTokens = {
  bg: '#ffffff',
  fg: '#1f2328',
  muted: '#57606a',
  border: '#d0d7de',
  control: '#6e7781',
  accent: '#0a58ca',
  'accent-fg': '#ffffff',
  track: '#e6e9ee',
  ok: '#1a7f37',
  warn: '#8a5a00',
  danger: '#c21d2a',
  focus: '#0a58ca',
};

/** Dark theme; every text colour is ≥ 4.5:1 on `bg` (checked by a test). */
export const darkTheme: ThemeTokens = {
  bg: '#161b22',
  fg: '#e6edf3',
  muted: '#a3acb7',
  border: '#30363d',
  control: '#7d8590',
  accent: '#6cb6ff',
  'accent-fg': '#0d1117',
  track: '#30363d',
  ok: '#3fb950',
  warn: '#e3b341',
  danger: '#ff7b72',
  focus: '#6cb6ff',
};
