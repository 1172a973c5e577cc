import { describe, expect, it } from 'vitest';
import { request, response } from '../aws/http';
import { indentXml, requestView, responseView } from './http-view';

describe('an exchange as text for its panels', () => {
  it('keeps the body exactly as sent, and indents it for reading', () => {
    const v = requestView(
      request({
        method: 'POST',
        path: '/',
        headers: { Host: 'cognito-identity.us-east-1.amazonaws.com', 'Content-Type': 'application/x-amz-json-1.1' },
        body: '{"IdentityPoolId":"us-east-1:1","Logins":{}}',
      }),
    );
    expect(v.startLine).toBe('POST https://cognito-identity.us-east-1.amazonaws.com/ HTTP/1.1');
    expect(v.headers).toEqual([
      ['host', 'cognito-identity.us-east-1.amazonaws.com'],
      ['content-type', 'application/x-amz-json-1.1'],
    ]);
    expect(v.raw).toBe('{"IdentityPoolId":"us-east-1:1","Logins":{}}');
    expect(v.body).toBe('{\n  "IdentityPoolId": "us-east-1:1",\n  "Logins": {}\n}');
  });

  it('names the status, indents XML, and shows binary as its size', () => {
    const x = responseView(
      response(403, { 'content-type': 'application/xml' }, '<Error><Code>AccessDenied</Code></Error>'),
    );
    expect(x.startLine).toBe('HTTP/1.1 403 Forbidden');
    expect(x.body).toBe('<Error>\n  <Code>AccessDenied</Code>\n</Error>');
    const png = responseView(response(200, {}, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])));
    expect(png.raw).toBe('(7 bytes of binary data)');
    expect(png.body).toBe('(7 bytes of binary data)');
    expect(indentXml('<?xml version="1.0"?><A><B>1</B><C/></A>')).toBe(
      '<?xml version="1.0"?>\n<A>\n  <B>1</B>\n  <C/>\n</A>',
    );
  });

  it('shows the metadata service over plain HTTP, and a form one field a line', () => {
    const v = requestView(request({ method: 'PUT', path: '/latest/api/token', headers: { host: '169.254.169.254' } }));
    expect(v.startLine).toBe('PUT http://169.254.169.254/latest/api/token HTTP/1.1');
    const f = requestView(
      request({
        headers: { host: 'sts.amazonaws.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
    );
    expect(f.body).toBe('Action=GetCallerIdentity\n&Version=2011-06-15');
    expect(f.raw).toBe('Action=GetCallerIdentity&Version=2011-06-15');
  });
});
