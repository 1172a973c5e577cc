import { describe, expect, it } from 'vitest';
import { request, text } from '../http';
import { route } from '../router';
import { escapeXml, el, members, xmlDocument } from './xml';
import { memberList, memberPairs, queryError, queryParams, queryReply } from './query';
import { jsonBody, jsonError, jsonReply, targetOperation } from './json';
import { hostId, s3Error } from './rest-xml';

describe('xml', () => {
  it('escapes every value and leaves undefined elements out', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(el('User', [el('UserName', 'a<b'), el('Path', undefined), el('Count', 3)]).raw).toBe(
      '<User><UserName>a&lt;b</UserName><Count>3</Count></User>',
    );
    expect(members('Users', ['x', 'y']).raw).toBe('<Users><member>x</member><member>y</member></Users>');
    expect(xmlDocument(el('R', '', { xmlns: 'urn:"x"' }))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="urn:&quot;x&quot;"></R>',
    );
  });
});

describe('query protocol', () => {
  it('reads the query string and a form body, with member lists and pairs', () => {
    const req = request({
      method: 'POST',
      query: 'Version=2010-05-08',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=TagUser&UserName=a%2Bb&Tags.member.1.Key=team&Tags.member.1.Value=web&Tags.member.2.Key=x&L.member.1=p&L.member.2=q&L.member.4=s',
    });
    const p = queryParams(req);
    expect([p.get('Action'), p.get('Version'), p.get('UserName')]).toEqual(['TagUser', '2010-05-08', 'a+b']);
    expect(memberPairs(p, 'Tags')).toEqual([
      ['team', 'web'],
      ['x', ''],
    ]);
    expect(memberList(p, 'L')).toEqual(['p', 'q']);
  });

  it('answers and errs in the shapes of IAM and STS', () => {
    const ok = queryReply('sts', 'GetCallerIdentity', el('Account', '111122223333'), 'rid-1');
    expect([ok.status, ok.headers['content-type'], text(ok.body)]).toEqual([
      200,
      'text/xml',
      '<?xml version="1.0" encoding="UTF-8"?>\n<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    ]);
    const err = queryError('iam', 'NoSuchEntity', 'The user with name <x> cannot be found.', 'rid-2', 404);
    expect([err.status, text(err.body)]).toEqual([
      404,
      '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name &lt;x&gt; cannot be found.</Message></Error><RequestId>rid-2</RequestId></ErrorResponse>',
    ]);
  });
});

describe('json protocols', () => {
  it('names the operation of X-Amz-Target and reads bodies without throwing', () => {
    const req = request({ headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' }, body: '{"TableName":"t"}' });
    expect(targetOperation(req, 'DynamoDB_20120810')).toBe('GetItem');
    expect(targetOperation(req, 'AWSCognitoIdentityService')).toBeUndefined();
    expect(jsonBody(req)).toEqual({ ok: true, value: { TableName: 't' } });
    expect(jsonBody(request({ body: '' }))).toEqual({ ok: true, value: {} });
    expect(jsonBody(request({ body: '{"a":' }))).toEqual({ ok: false, message: 'the body is not valid JSON' });
    expect(jsonBody(request({ body: '[1]' }))).toEqual({ ok: false, message: 'the body is not a JSON object' });
  });

  it('errs with __type, message and x-amzn-errortype', () => {
    const e = jsonError('NotAuthorizedException', 'Incorrect username or password.', 'rid', 400, '1.1');
    expect([e.status, e.headers['content-type'], e.headers['x-amzn-errortype'], JSON.parse(text(e.body))]).toEqual([
      400,
      'application/x-amz-json-1.1',
      'NotAuthorizedException',
      { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    ]);
    expect(jsonReply({ TableNames: [] }, 'rid', '1.0').headers['content-type']).toBe('application/x-amz-json-1.0');
  });
});

describe('rest-xml (S3) errors', () => {
  it('carries the extra elements, and a HEAD answer has no body', () => {
    const e = s3Error('NoSuchKey', 'The specified key does not exist.', 'rid', 404, { Key: 'a&b' });
    expect(text(e.body)).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&amp;b</Key><RequestId>rid</RequestId><HostId>${hostId('rid')}</HostId></Error>`,
    );
    const head = s3Error('NoSuchKey', 'The specified key does not exist.', 'rid', 404, {}, 'HEAD');
    expect([head.status, head.body.length, head.headers['x-amz-request-id']]).toEqual([404, 0, 'rid']);
  });
});

describe('router: one endpoint for the six services, as the SDK v3 clients send', () => {
  const signed = (service: string) =>
    `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
  const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

  it('routes signed requests by X-Amz-Target, then by the credential scope', () => {
    expect(route(request({ headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' } }))).toBe(
      'cognito-idp',
    );
    expect(route(request({ headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId' } }))).toBe('cognito-identity');
    expect(
      route(request({ headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem', authorization: signed('dynamodb') } })),
    ).toBe('dynamodb');
    expect(
      route(
        request({ headers: { ...form, authorization: signed('iam') }, body: 'Action=ListUsers&Version=2010-05-08' }),
      ),
    ).toBe('iam');
    expect(
      route(
        request({
          headers: { ...form, authorization: signed('sts') },
          body: 'Action=GetCallerIdentity&Version=2011-06-15',
        }),
      ),
    ).toBe('sts');
    expect(route(request({ method: 'PUT', path: '/b/k', headers: { authorization: signed('s3') } }))).toBe('s3');
    expect(
      route(
        request({
          method: 'GET',
          path: '/b/k',
          query: 'X-Amz-Credential=AKIAX%2F20260101%2Fus-east-1%2Fs3%2Faws4_request',
        }),
      ),
    ).toBe('s3');
  });

  it('routes unsigned calls: web identity STS, the JWKS of a pool, anonymous S3', () => {
    expect(
      route(request({ headers: form, body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=x' })),
    ).toBe('sts');
    expect(route(request({ headers: form, body: 'Action=ListUsers&Version=2010-05-08' }))).toBe('iam');
    expect(route(request({ method: 'GET', path: '/us-east-1_AbC123xyZ/.well-known/jwks.json' }))).toBe('cognito-idp');
    expect(route(request({ method: 'GET', path: '/public-bucket/cat.png' }))).toBe('s3');
  });
});
