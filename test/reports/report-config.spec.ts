/** The report keys of the configuration: the organisation, the P12 file (relative to the file or the working directory) and its passphrase. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/index.js';
import { reportOptions } from '../../src/reports/index.js';

describe('report configuration', () => {
  it('reads report.organisation and report.signing.p12 from chainward.yaml, the passphrase only from the environment', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'chainward-config-'));
    await writeFile(path.join(cwd, 'chainward.yaml'), 'report:\n  organisation: Example Bank plc\n  signing:\n    p12: secrets/report.p12\n');
    const config = await loadConfig({ env: { CHAINWARD_REPORT_P12_PASSPHRASE: 's3cret' }, cwd });
    expect(config.report).toEqual({ organisation: 'Example Bank plc', p12File: path.join(cwd, 'secrets', 'report.p12'), p12Passphrase: 's3cret' });
    expect(reportOptions(config)).toEqual({ organisation: 'Example Bank plc', signing: { kind: 'p12', file: path.join(cwd, 'secrets', 'report.p12'), passphrase: 's3cret' } });
  });

  it('lets the environment override the file, and defaults to the private CA under the home', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'chainward-config-'));
    const config = await loadConfig({ env: { CHAINWARD_REPORT_ORGANISATION: 'Acme' }, cwd });
    expect(reportOptions(config)).toEqual({ organisation: 'Acme', signing: { kind: 'local-ca', keysDirectory: path.join(cwd, '.chainward', 'keys'), organisation: 'Acme' } });
    expect(reportOptions(await loadConfig({ env: {}, cwd })).organisation).toBeNull();
  });

  it('rejects unknown keys under report, naming them', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'chainward-config-'));
    await writeFile(path.join(cwd, 'chainward.yaml'), 'report:\n  organization: Typo Inc\n  signing:\n    passphrase: nope\n');
    const error = (await loadConfig({ env: {}, cwd }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('chainward.yaml: unknown key organization under report');
    expect(error.message).toContain('chainward.yaml: unknown key passphrase under report.signing');
  });
});
