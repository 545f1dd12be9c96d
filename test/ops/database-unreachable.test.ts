// Which faults mean "the database is out of reach" (503, retry) and which are ours (500).
import { describe, expect, test } from 'vitest';
import { isDatabaseUnreachable, unreachableReason } from '../../src/http/database-unreachable.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnreachable', () => {
  test.each([
    [coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'ECONNREFUSED'],
    [new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect failed'), 'ECONNREFUSED'],
    [coded('terminating connection due to administrator command', '57P01'), '57P01'],
    [coded('the database system is starting up', '57P03'), '57P03'],
    [new Error('Connection terminated unexpectedly'), 'connection terminated'],
    [new Error('timeout exceeded when trying to connect'), 'timeout exceeded when trying to connect'],
    [new Error('PGlite is closed'), 'pglite is closed'],
    [new Error('insert failed', { cause: coded('read ECONNRESET', 'ECONNRESET') }), 'ECONNRESET'],
  ])('%s is unreachable (%s)', (error, reason) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(unreachableReason(error)).toBe(reason);
  });

  test.each([
    coded('duplicate key value violates unique constraint', '23505'),
    coded('invalid byte sequence for encoding "UTF8": 0x00', '22021'),
    new TypeError('Cannot read properties of undefined'),
    'a string',
    undefined,
  ])('%s is not', (error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});
