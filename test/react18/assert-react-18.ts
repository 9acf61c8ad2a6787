// Guards the alias: this project is worthless if the components silently run on React 19.
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { beforeAll, expect } from 'vitest';

beforeAll(() => {
  expect(version).toMatch(/^18\./);
  expect(domVersion).toMatch(/^18\./);
});
