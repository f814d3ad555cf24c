import { cargo } from './cargo/index.js';
import { gomod } from './gomod/index.js';
import { npm } from './npm/index.js';
import { pnpm } from './pnpm/index.js';
import { yarn } from './yarn/index.js';
import type { Ecosystem } from './types.js';

/**
 * Every ecosystem the scanner reads. Adding one means adding its folder and
 * one line here; `registry.spec.ts` fails when a folder is left out.
 */
export const ECOSYSTEMS: readonly Ecosystem[] = [npm, yarn, pnpm, gomod, cargo];

export type { Ecosystem, ProjectFiles, ProjectPlan, TextFile } from './types.js';
