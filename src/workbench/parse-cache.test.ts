import { describe, it, expect } from 'vitest';
import { cachedParse } from './parse-cache';

describe('the worker parse cache', () => {
  it('answers the same parse for the same text', () => {
    const text = '{"Version":"2012-10-17","Statement":[]}';
    const a = cachedParse(text);
    expect(cachedParse(text)).toBe(a);
    expect(cachedParse(text + ' ')).not.toBe(a);
  });

  it('keeps at most 32 texts', () => {
    const first = cachedParse('{"Statement":[], "Id": "0"}');
    for (let i = 1; i <= 32; i++) cachedParse(`{"Statement":[], "Id": "${i}"}`);
    expect(cachedParse('{"Statement":[], "Id": "0"}')).not.toBe(first);
  });
});
