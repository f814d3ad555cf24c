import { InvalidArgumentError, Option } from 'commander';

/** Parses a byte size such as `100MB`, `512k` or `1048576`. */
export function parseByteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 100MB, 512KB or 1048576');
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  return Math.floor(Number(match[1]) * factor);
}

export const maxFileSizeOption = (): Option =>
  new Option('--max-file-size <size>', 'refuse lockfiles larger than this (default 100MB, or CHAINWARD_MAX_FILE_SIZE)').argParser(parseByteSize);

export const licensesOption = (): Option =>
  new Option('--licenses <source>', 'registry: fetch the licence (and deprecation, release date) of components without one from their registry, cached under $CHAINWARD_HOME/cache/registry').choices(['registry']);
