import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { ChainwardError } from '../../common/errors.js';
import type { RepositoryEntity } from '../../scans/index.js';
import { parseCycloneDxVex } from './parse-vex.js';
import { VexRepository } from './vex.repository.js';

export interface VexImportResult {
  repository: RepositoryEntity;
  statements: number;
  ignored: string[];
}

/** Imports CycloneDX VEX documents for a repository. */
@Injectable()
export class VexService {
  constructor(private readonly vex: VexRepository) {}

  async importVex(file: string, repositoryName: string): Promise<VexImportResult> {
    const repository = await this.resolveRepository(repositoryName);
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw new ChainwardError({ code: 'VEX_NOT_FOUND', category: 'bad-input', message: `cannot read ${file}: ${(error as Error).message}`, cause: error });
    });
    const parsed = parseCycloneDxVex(text, file);
    await this.vex.upsertStatements(repository.id, path.basename(file), parsed.statements);
    return { repository, statements: parsed.statements.length, ignored: parsed.ignored };
  }

  private async resolveRepository(nameOrLocation: string): Promise<RepositoryEntity> {
    const found = await this.vex.findRepositories(nameOrLocation);
    if (found.length === 1 && found[0]) return found[0];
    if (found.length === 0) {
      throw new ChainwardError({ code: 'REPOSITORY_NOT_FOUND', category: 'not-found', message: `no scanned repository named ${nameOrLocation} (see \`chainward scans list\`)` });
    }
    throw new ChainwardError({
      code: 'REPOSITORY_AMBIGUOUS',
      category: 'bad-input',
      message: `${found.length} repositories are named ${nameOrLocation}; give the location instead: ${found.map((r) => r.location).join(', ')}`,
    });
  }
}
