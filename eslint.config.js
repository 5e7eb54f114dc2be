import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'dist/**', '.build/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The provider barrel costs ~6 s and ~750 MB per process: deep imports only.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@cdktf/provider-aws', message: "Import '@cdktf/provider-aws/lib/<resource>' instead of the barrel." }],
          patterns: [{ regex: '^@cdktf/provider-aws/lib$', message: 'Deep-import the resource module.' }],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
      // '${' in a plain string is almost always a template literal typed with the wrong quotes.
      'no-template-curly-in-string': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read synthesized JSON and YAML, which is untyped by nature.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
