import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Linter } from 'eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The folder rules of docs/architecture, enforced: each entry says what a folder may not import.
 * Type-checking projects (tsconfig.*.json) already refuse Node types in renderer/ and shared/,
 * and DOM types in core/ and shared/; these rules catch the imports themselves.
 */
const electronOnlyInMainAndPreload = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};

type ImportPattern = ({ group: string[] } | { regex: string }) & { message: string };

function restrict(
  patterns: ImportPattern[],
  paths = [electronOnlyInMainAndPreload],
): Linter.RulesRecord {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const nodeBuiltins = {
  group: ['node:*'],
  message: 'No Node built-ins here (runs in a browser sandbox or must stay environment-neutral).',
};

const rendererKnowsOnlySharedAndBridge: ImportPattern = {
  group: ['**/electron/**', '**/test/**'],
  message: 'The renderer knows only shared/ and the bridge object.',
};

const coreHeadless: ImportPattern = {
  group: [
    '**/electron/main/**',
    '**/electron/preload/**',
    '**/renderer/**',
    '**/test/**',
    'react',
    'antd',
  ],
  message: 'core is headless: it imports Node, npm and shared/ only.',
};

/**
 * The floors of electron/core (electron/core/floors.json, drawn in electron/core/README.md): one
 * zone per floor, whose folders import only floors below it; folders on a floor that is not
 * 'lateral' do not import each other; `sandbox/` is reached from the composition root only. A
 * folder's own imports start with `./` and never match. Imports of the root files are left to
 * test/core/floors.test.ts, which also proves the lateral floor has no cycle.
 */
type Floor = string[] | { lateral: string[] };
const corePlan = JSON.parse(
  readFileSync(join(import.meta.dirname, 'electron/core/floors.json'), 'utf8'),
) as { floors: Floor[]; rootOnly: string[] };
const floorFolders = (floor: Floor) => (Array.isArray(floor) ? floor : floor.lateral);
const coreZones = corePlan.floors.map((floor, index) => {
  const above = corePlan.floors.slice(index + 1).flatMap(floorFolders);
  const banned = [...new Set([...above, ...corePlan.rootOnly])];
  const siblings = Array.isArray(floor) ? floor : [];
  return {
    files: floorFolders(floor).map((folder) => `electron/core/${folder}/**/*.ts`),
    rules: restrict([
      coreHeadless,
      ...(banned.length === 0
        ? []
        : [
            {
              regex: `^(\\.\\./)+(${banned.join('|')})(/|$)`,
              message: `Floor ${index} of electron/core imports only floors below it (electron/core/README.md).`,
            },
          ]),
      ...(siblings.length < 2
        ? []
        : [
            {
              regex: `^(\\.\\./)+(${siblings.join('|')})(/|$)`,
              message: 'Folders on this floor of electron/core do not import each other.',
            },
          ]),
      {
        regex: '^(\\.\\./)+[^./][^/]*/[^/]+\\.handlers$',
        message: "Never import another folder's handlers; move what you share down a floor.",
      },
    ]),
  };
});

const featuresDir = join(import.meta.dirname, 'renderer/src/features');
const features = readdirSync(featuresDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Sibling features a feature still imports (screen parts that belong in a shared place); this
 * list may only shrink. Every feature may import `counter`, the home of what counter screens share.
 */
const siblingsStillImported: Record<string, string[]> = {
  home: ['settings', 'sync'],
  orders: ['sync'],
  packing: ['auth'],
  settings: ['sync'],
};

/**
 * A feature imports neither the app shell above it (app/ composes the features; what both need
 * lives in session/, navigation/, components/…) nor a sibling feature. Flat config replaces the
 * renderer entry's no-restricted-imports for these files, so its patterns are repeated here.
 */
function featureRules(feature: string): Linter.RulesRecord {
  const allowed = new Set(['counter', feature, ...(siblingsStillImported[feature] ?? [])]);
  const siblings = features.filter((name) => !allowed.has(name));
  return restrict([
    nodeBuiltins,
    rendererKnowsOnlySharedAndBridge,
    {
      group: ['**/app', '**/app/**'],
      message: 'features/ may not import app/: move what both use to a folder both import.',
    },
    ...(siblings.length === 0
      ? []
      : [
          {
            regex: `^(\\.\\./)+(features/)?(${siblings.join('|')})(/|$)`,
            message: `A feature imports only features/counter, never a sibling feature (${feature}).`,
          },
        ]),
  ]);
}

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      nodeBuiltins,
      {
        group: ['react', 'react-dom', 'antd', '**/electron/**', '**/renderer/**', '**/test/**'],
        message:
          'shared/ holds only the contract and pure rules: no UI, Node, Electron or app code.',
      },
    ]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict([coreHeadless]),
  },
  ...coreZones,
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(
      [
        {
          group: ['**/renderer/**', '**/electron/preload/**', '**/test/**'],
          message: 'main may not import the renderer or preload.',
        },
        {
          group: ['**/electron/core/**'],
          message: 'main talks to core through its process, never by importing it.',
        },
      ],
      [],
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [
        nodeBuiltins,
        {
          regex: '^(?!electron$|(\\.\\./)+shared/contract/)',
          message: 'The sandboxed preload may import only electron and shared/contract.',
        },
      ],
      [],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([nodeBuiltins, rendererKnowsOnlySharedAndBridge]),
    },
  },
  ...features.map((feature) => ({
    files: [`renderer/src/features/${feature}/**/*.{ts,tsx}`],
    rules: featureRules(feature),
  })),
  {
    // Tests read JSON replies field by field; typing each one would only restate the contract.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
