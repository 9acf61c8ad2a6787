import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from '@headroom/core';
import { generateSample } from '../sample/generate-sample.ts';
import { configWarnings } from './config-warnings.ts';

export interface SampleCommandOptions {
  accounts: number;
  out: string;
  seed: number;
  days: number;
  /** Config to generate against. @default the canonical Acme example */
  config?: string;
  log: (text: string) => void;
}

/** `headroom sample`: writes config.json, events.ndjson and expansions.csv into `out`. */
export async function sampleCommand(options: SampleCommandOptions) {
  const configPath = options.config ?? new URL('../../examples/acme.config.json', import.meta.url);
  const raw: unknown = JSON.parse(await readFile(configPath, 'utf8'));
  const config = defineConfig(raw);
  options.log(configWarnings(config));
  const sample = generateSample(
    { accounts: options.accounts, seed: options.seed, days: options.days },
    config,
  );
  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, 'config.json'), `${JSON.stringify(raw, null, 2)}\n`);
  await writeFile(
    join(options.out, 'expansions.csv'),
    `accountId,ts,plan\n${sample.expansions.map((e) => `${e.accountId},${new Date(e.ts).toISOString()},${e.plan ?? ''}`).join('\n')}\n`,
  );
  const stream = createWriteStream(join(options.out, 'events.ndjson'));
  let events = 0;
  let buffer = '';
  for (const record of sample.records()) {
    buffer += `${JSON.stringify(record)}\n`;
    events++;
    if (buffer.length > 1 << 16) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  }
  stream.end(buffer);
  await once(stream, 'finish');
  const archetypes: Record<string, number> = {};
  for (const a of sample.accounts) archetypes[a.archetype] = (archetypes[a.archetype] ?? 0) + 1;
  options.log(
    `Wrote ${options.out}: ${sample.accounts.length} accounts (${Object.entries(archetypes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${events.toLocaleString('en-US')} records, ${sample.expansions.length} expansions.\n`,
  );
  return { accounts: sample.accounts.length, records: events, expansions: sample.expansions.length };
}
