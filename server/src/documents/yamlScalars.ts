/**
 * Plain YAML scalars resolved as the `yaml` package's core schema resolves them (YAML 1.2: null,
 * booleans, integers in three bases, floats with .inf/.nan), in the composer's test order, so the
 * lexer fast path (yamlLexed.ts) gives the same values as the full parse.
 */
import type { Scalar } from './tree';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, in the composer's test order. */
export function resolvePlain(s: string): Scalar {
  const c = s.charCodeAt(0);
  // Fast exit: most values (ids, dates, prose) start with a letter other than n/N/t/T/f/F.
  if (s.length > 5 && !(c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57))) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}
