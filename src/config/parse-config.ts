import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ChainwardError } from '../common/errors.js';
import { configFileSchema, environmentSchema, type ChainwardConfig, type ConfigFile } from './config.schema.js';

import { DEFAULTS, REGISTRY_NAMES, configFilePath, registryVariable, type LoadConfigInput } from './config.defaults.js';

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Validates configuration: defaults, then `chainward.yaml` (in the working
 * directory, or the file named by CHAINWARD_CONFIG), then environment
 * variables. Fails listing every bad key at once.
 */
export function parseConfig({ env, cwd }: LoadConfigInput): ChainwardConfig {
  const problems: string[] = [];
  const configPath = configFilePath({ env, cwd });
  const file = readConfigFile(configPath, Boolean(env.CHAINWARD_CONFIG), problems);

  const envResult = environmentSchema.safeParse(env);
  if (!envResult.success) problems.push(...describeIssues(envResult.error.issues, 'environment variable '));
  if (problems.length > 0) {
    throw new ChainwardError({
      code: 'CONFIG_INVALID',
      category: 'bad-input',
      message: `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    });
  }
  const fromEnv = envResult.success ? envResult.data : {};
  const home = fromEnv.CHAINWARD_HOME ?? file?.home ?? DEFAULTS.home;
  return {
    home: path.resolve(file && !fromEnv.CHAINWARD_HOME && file.home ? path.dirname(configPath) : cwd, home),
    databaseUrl: fromEnv.DATABASE_URL ?? file?.databaseUrl,
    logLevel: fromEnv.LOG_LEVEL ?? file?.logLevel ?? DEFAULTS.logLevel,
    server: {
      host: fromEnv.CHAINWARD_HOST ?? file?.server?.host ?? DEFAULTS.host,
      port: fromEnv.CHAINWARD_PORT ?? file?.server?.port ?? DEFAULTS.port,
      ...apiTokenOf(fromEnv.CHAINWARD_API_TOKEN ?? file?.server?.apiToken),
    },
    scan: { maxFileSize: fromEnv.CHAINWARD_MAX_FILE_SIZE ?? file?.scan?.maxFileSize ?? DEFAULTS.maxFileSize },
    registry: {
      urls: Object.fromEntries(
        REGISTRY_NAMES.map((name) => [name, (fromEnv as Record<string, string | undefined>)[registryVariable(name)] ?? file?.registry?.urls?.[name]]).filter(([, url]) => url !== undefined),
      ),
      cacheTtlSeconds: fromEnv.CHAINWARD_REGISTRY_CACHE_TTL ?? file?.registry?.cacheTtl ?? DEFAULTS.registryCacheTtlSeconds,
    },
    configFile: file ? configPath : undefined,
    ...(fromEnv.CHAINWARD_ACTOR ?? file?.actor ? { actor: fromEnv.CHAINWARD_ACTOR ?? file?.actor } : {}),
    ...advisoriesConfig(fromEnv, file),
    ...auditConfig(fromEnv, file, file ? path.dirname(configPath) : cwd, cwd),
    ...reportConfig(fromEnv, file, file ? path.dirname(configPath) : cwd, cwd),
  };
}

function apiTokenOf(token: string | undefined): { apiToken?: string } {
  return token === undefined ? {} : { apiToken: token };
}

/** The report section: the P12 path made absolute like the audit paths; the passphrase only from the environment. */
function reportConfig(
  fromEnv: { CHAINWARD_REPORT_ORGANISATION?: string; CHAINWARD_REPORT_P12?: string; CHAINWARD_REPORT_P12_PASSPHRASE?: string },
  file: ConfigFile | undefined,
  fileDir: string,
  cwd: string,
): Pick<ChainwardConfig, 'report'> {
  const p12 = fromEnv.CHAINWARD_REPORT_P12 ? path.resolve(cwd, fromEnv.CHAINWARD_REPORT_P12) : file?.report?.signing?.p12 ? path.resolve(fileDir, file.report.signing.p12) : undefined;
  const report = {
    organisation: fromEnv.CHAINWARD_REPORT_ORGANISATION ?? file?.report?.organisation,
    p12File: p12,
    p12Passphrase: fromEnv.CHAINWARD_REPORT_P12_PASSPHRASE,
  };
  const set = Object.fromEntries(Object.entries(report).filter(([, value]) => value !== undefined));
  return Object.keys(set).length > 0 ? { report: set } : {};
}

/** The advisories section, only what is configured (`advisoriesSettings` fills in the defaults). */
function advisoriesConfig(
  fromEnv: { CHAINWARD_OSV_API_URL?: string; CHAINWARD_OSV_API_CACHE_TTL?: number },
  file: ConfigFile | undefined,
): Pick<ChainwardConfig, 'advisories'> {
  const osvApiUrl = fromEnv.CHAINWARD_OSV_API_URL ?? file?.advisories?.osvApiUrl;
  const osvApiCacheTtl = fromEnv.CHAINWARD_OSV_API_CACHE_TTL ?? file?.advisories?.osvApiCacheTtl;
  if (osvApiUrl === undefined && osvApiCacheTtl === undefined) return {};
  return { advisories: { ...(osvApiUrl === undefined ? {} : { osvApiUrl }), ...(osvApiCacheTtl === undefined ? {} : { osvApiCacheTtl }) } };
}

/** The audit section, with paths made absolute (file paths relative to the file, variables to the working directory). */
function auditConfig(
  fromEnv: { CHAINWARD_AUDIT_KEY?: string; CHAINWARD_AUDIT_CHECKPOINTS?: string; CHAINWARD_AUDIT_ORIGIN?: string },
  file: ConfigFile | undefined,
  fileDir: string,
  cwd: string,
): Pick<ChainwardConfig, 'audit'> {
  const resolve = (fromVariable: string | undefined, fromFile: string | undefined): string | undefined =>
    fromVariable ? path.resolve(cwd, fromVariable) : fromFile ? path.resolve(fileDir, fromFile) : undefined;
  const audit = {
    signingKeyFile: resolve(fromEnv.CHAINWARD_AUDIT_KEY, file?.audit?.signingKeyFile),
    checkpointFile: resolve(fromEnv.CHAINWARD_AUDIT_CHECKPOINTS, file?.audit?.checkpointFile),
    origin: fromEnv.CHAINWARD_AUDIT_ORIGIN ?? file?.audit?.origin,
  };
  const set = Object.fromEntries(Object.entries(audit).filter(([, value]) => value !== undefined));
  return Object.keys(set).length > 0 ? { audit: set } : {};
}

function readConfigFile(configPath: string, mustExist: boolean, problems: string[]): ConfigFile | undefined {
  if (!existsSync(configPath)) {
    if (mustExist) problems.push(`CHAINWARD_CONFIG names ${configPath}, which does not exist`);
    return undefined;
  }
  const text = readFileSync(configPath, 'utf8');
  if (text.length > MAX_CONFIG_BYTES) {
    problems.push(`${configPath}: larger than 1 MB; not a configuration file`);
    return undefined;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push(`${configPath}:${line}:${col}: ${error.message.split('\n')[0]}`);
  }
  if (document.errors.length > 0) return undefined;
  let value: unknown;
  try {
    // A configuration file has no use for aliases; refusing them rules out alias bombs.
    value = document.toJS({ maxAliasCount: 0 }) ?? {};
  } catch (error) {
    problems.push(`${configPath}: ${(error as Error).message}`);
    return undefined;
  }
  const result = configFileSchema.safeParse(value);
  if (!result.success) {
    problems.push(...describeIssues(result.error.issues, `${configPath}: `));
    return undefined;
  }
  return result.data;
}

function describeIssues(issues: z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length > 0 ? ` under ${issue.path.join('.')}` : '';
      return `${prefix}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${where}`;
    }
    return `${prefix}${issue.path.join('.') || '(root)'}: ${issue.message}`;
  });
}
