/**
 * The privacy boundary and layering, enforced on every `npm test`. Raw text lives in main/; the renderer and
 * preload must not be able to reach it by importing main code or Node built-ins.
 */
module.exports = {
  forbidden: [
    {
      name: 'renderer-only-talks-to-the-contract',
      comment: 'The renderer may import only the bridge contract from outside renderer/ (and npm UI packages).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload/index)', pathNot: '^preload/api\\.ts$' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-imports-only-its-contract',
      comment: 'preload may import electron (contextBridge, ipcRenderer), zod and its own contract; nothing from main.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { pathNot: '^preload/|(^|/)node_modules/(electron|zod)/' },
    },
    {
      name: 'preload-no-node-builtins',
      severity: 'error',
      from: { path: '^preload/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-never-imports-electron',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'core-never-imports-shell-or-api',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: '^main/(shell|api|cli)' },
    },
    {
      name: 'api-never-imports-shell',
      severity: 'error',
      from: { path: '^main/api/' },
      to: { path: '^main/shell/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js'] },
    exclude: { path: '^(out|node_modules)/' },
  },
};
