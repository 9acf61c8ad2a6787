// `@headroom/sdk/forecast`: optional, so the main bundle carries neither this reader nor zod.
export { type MeterForecast, meterForecast } from './meter-forecast.ts';
