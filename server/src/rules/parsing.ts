/**
 * The two codes the parser itself reports (documents/yaml.ts, documents/markdown.ts,
 * documents/schema.ts). Listed here so hovers, SARIF and the README describe them like any rule.
 */
import type { ParseRule } from './rule';

export const syntax: ParseRule = {
  code: 'syntax',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'parse',
  title: 'Syntax error',
  explain:
    'The YAML (or markdown front matter) does not parse, has a duplicate key, or is unsafe to read (alias bomb, nesting deeper than 1,000, oversized or binary file). Fix it first: the rest of the document is not checked until it parses.',
};

export const schema: ParseRule = {
  code: 'schema',
  severity: 'error',
  paragraphs: [],
  appliesTo: 'parse',
  title: 'Schema violation',
  explain:
    'A value has the wrong type or form, a required field is missing, or a field is unknown (checked against schemas/ssp.schema.json or schemas/poam.schema.json).',
};
