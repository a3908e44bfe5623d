import { describe, expect, it } from '@dyad/testkit';
import { ErrorBody } from './schemas.ts';
import { useApi } from './test-backends.ts';

describe('a NUL anywhere in a request', () => {
  const api = useApi('pglite');
  it('gets 400 naming where it was, never a 500, on every kind of route', async () => {
    const { app } = api();
    for (const url of [
      '/events?q=%00',
      '/events?actor=kz.%00tokayev',
      '/events/%00',
      '/events/ev_1%00',
      '/articles?q=Rabat%00',
      '/actors/%00',
      '/feed.atom?type=%00',
      '/event/%00',
      '/?q=%00',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      const body = ErrorBody.parse(res.json());
      expect(body.message, url).toMatch(/contains a NUL character/);
    }
    // The same requests without the NUL are answered as usual.
    expect((await app.inject({ method: 'GET', url: '/events?q=Rabat' })).statusCode).toBe(200);
  });
});
