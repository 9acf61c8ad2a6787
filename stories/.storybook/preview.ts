import type { Preview } from '@storybook/preact-vite';

const preview: Preview = {
  parameters: { layout: 'padded', controls: { disable: true }, actions: { disable: true } },
};

export default preview;
