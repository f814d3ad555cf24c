/**
 * The secret patterns that ship with the project, documented in
 * `policies/secret-patterns.md`. Each has keywords (lower case) that must
 * appear in a file before its regular expression runs, as gitleaks does: most
 * files contain none, so most files cost one `includes` per keyword.
 * A named group `secret` marks the part to mask in evidence; without it the
 * whole match is masked, unless `mask` is false (a key's header is not secret).
 */
export interface ContentPattern {
  id: string;
  description: string;
  regex: RegExp;
  keywords: readonly string[];
  mask: boolean;
}

const pattern = (id: string, description: string, source: string, keywords: string[], options: { flags?: string; mask?: boolean } = {}): ContentPattern => ({
  id,
  description,
  regex: new RegExp(source, `${options.flags ?? ''}dg`),
  keywords,
  mask: options.mask ?? true,
});

export const SECRET_PATTERNS: readonly ContentPattern[] = [
  pattern('private-key', 'PEM or OpenSSH private key block', '-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----', ['private key'], { mask: false }),
  pattern('aws-access-key-id', 'AWS access key id', '\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b', ['akia', 'asia', 'abia', 'acca']),
  pattern(
    'aws-secret-access-key',
    'AWS secret access key assigned to an aws_secret_access_key setting',
    'aws_?secret_?(?:access_?)?key["\']?\\s*[:=]\\s*["\']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])',
    ['secret'],
    { flags: 'i' },
  ),
  pattern('gcp-api-key', 'Google Cloud API key', '\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])', ['aiza']),
  pattern('gcp-service-account-key', 'Google Cloud service-account key file (private_key_id)', '"private_key_id"\\s*:\\s*"(?<secret>[0-9a-f]{40})"', ['private_key_id']),
  pattern('github-token', 'GitHub personal, OAuth, app or refresh token', '\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\\b', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']),
  pattern('github-fine-grained-token', 'GitHub fine-grained personal access token', '\\bgithub_pat_[A-Za-z0-9_]{82}\\b', ['github_pat_']),
  pattern('gitlab-token', 'GitLab personal access token', '\\bglpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])', ['glpat-']),
  pattern('slack-token', 'Slack bot, user, app or refresh token', '\\bxox[abeprs]-[A-Za-z0-9-]{10,250}', ['xox']),
  pattern(
    'slack-webhook',
    'Slack incoming-webhook URL',
    'https://hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/(?<secret>[A-Za-z0-9]{24})',
    ['hooks.slack.com'],
  ),
  pattern('npm-token', 'npm access token', '\\bnpm_[A-Za-z0-9]{36}\\b', ['npm_']),
  pattern('npmrc-auth-token', 'registry token written into an .npmrc', '_authToken\\s*=\\s*(?<secret>[^\\s$"\'][^\\s"\']{7,})', ['_authtoken']),
  pattern(
    'password-literal',
    'password written as a literal: password = "...", "password": "..."',
    '(?:password|passwd|pwd)["\']?\\s*[:=]\\s*["\'](?<secret>[^"\'\\s$<{%][^"\'\\s]{3,})["\']',
    ['pass', 'pwd'],
    { flags: 'i' },
  ),
];

export const SECRET_PATTERN_IDS = SECRET_PATTERNS.map((p) => p.id) as [string, ...string[]];
