import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// One vitest project per workspace package, so `vitest --project @dyad/bus` runs one of them.
const workspaceDirs = ['packages', 'services'].flatMap((group) =>
  readdirSync(group)
    .map((name) => join(group, name))
    .filter((dir) => statSync(dir).isDirectory()),
);

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, as they do for `node --conditions=dyad:source`.
  resolve: { conditions: ['dyad:source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['dyad:source', ...defaultServerConditions] } },
  test: {
    reporters: ['default', './infra/vitest/plain-summary.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one NATS/Redis/PostgreSQL; names are unique per test, and two
    // workers suit a 2-core machine.
    maxWorkers: 2,
    projects: workspaceDirs.map((dir) => ({
      extends: true,
      test: { name: dir.split('/')[1], include: [`${dir}/src/**/*.test.ts`] },
    })),
  },
});
