import { describe, expect, it } from 'vitest';
import { featureName } from './copy-values.ts';

describe('featureName', () => {
  it.each([
    ['sso', 'SSO'],
    ['audit_log', 'Audit log'],
    ['api-access', 'API access'],
    ['saml_sso', 'SAML SSO'],
    ['scim', 'SCIM'],
    ['version_history', 'Version history'],
    ['Export_CSV', 'Export CSV'],
    ['__custom__roles', 'Custom roles'],
    ['aim', 'Aim'],
  ])('%s → %s', (id, name) => expect(featureName(id)).toBe(name));
});
