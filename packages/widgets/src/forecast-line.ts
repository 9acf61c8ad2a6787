import type { HeadroomContextValue } from './headroom-context.ts';

/**
 * What a usage bar with `forecast` shows under it, set by importing `@headroom/widgets/forecast`:
 * the bars reserve the line, the optional entry brings the reading and the sentence, so neither
 * the main entry nor the elements carry zod or the forecast's copy.
 */
export const forecastLine: {
  text?: (context: HeadroomContextValue, meter: string, used: number, limit: number) => string;
} = {};
