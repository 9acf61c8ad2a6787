// `@headroom/widgets/forecast`, side-effectful: importing it once lets every usage bar with
// `forecast` (`<UsageBar forecast>`, `<headroom-usage-bar forecast>`) show the edge's projection.
import { forecastLine } from './forecast-line.ts';
import { usageForecastText } from './usage-forecast-text.ts';

forecastLine.text = usageForecastText;

export { forecastMessages, usageForecastText } from './usage-forecast-text.ts';
