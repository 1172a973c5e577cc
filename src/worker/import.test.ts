import { describe, expect, it } from 'vitest';
import { engineApi, MAX_IMPORT } from './api';

describe('the worker’s authorization-details import', () => {
  it('refuses what is not text, and a file beyond the limit, with a finding at the start', () => {
    expect(engineApi.importAuthorizationDetails(42 as unknown as string)).toEqual({
      ok: false,
      errors: [
        {
          code: 'parse.import',
          severity: 'ERROR',
          message: 'the file is not text',
          range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        },
      ],
    });
    const big = engineApi.importAuthorizationDetails(' '.repeat(MAX_IMPORT + 1));
    expect(big.ok ? [] : big.errors.map((e) => e.message)).toEqual(['the file is larger than 50 million characters']);
  });

  it('answers plain data that crosses the worker boundary unchanged', () => {
    const answer = engineApi.importAuthorizationDetails('{"UserDetailList": []}');
    expect(structuredClone(answer)).toEqual(answer);
  });
});
