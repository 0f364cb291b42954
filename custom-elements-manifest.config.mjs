/** custom-elements.json: the API of every element, read from JSDoc. */
export default {
  globs: ['src/elements/**/*.ts', 'src/base/**/*.ts'],
  exclude: ['**/*.styles.ts', '**/define.ts'],
  outdir: '.',
  litelement: true,
};
