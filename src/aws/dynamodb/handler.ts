/**
 * DynamoDB over JSON 1.0 (`X-Amz-Target: DynamoDB_20120810.<Op>`): CreateTable, ListTables, DescribeTable,
 * PutItem (with ConditionExpression and ReturnValues ALL_OLD), GetItem, DeleteItem (the same
 * options), and Query (KeyConditionExpression with `=`, `<`, `<=`, `>`, `>=`, BETWEEN and
 * begins_with on the sort key, FilterExpression, ProjectionExpression, Limit, ScanIndexForward,
 * ExclusiveStartKey / LastEvaluatedKey, Select COUNT). Errors carry DynamoDB's `__type`
 * (`com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`,
 * `com.amazon.coral.validate#ValidationException`, `com.amazon.coral.service#AccessDeniedException`)
 * and messages; every answer has its `x-amz-crc32`. Each call is authorized by the engine on the
 * table's ARN with `dynamodb:LeadingKeys` (the partition key value), `dynamodb:Attributes`,
 * `dynamodb:Select` and `dynamodb:ReturnValues` where AWS sets them; a denial is a 400
 * `AccessDeniedException` with AWS's text (the resource not quoted).
 */
import type { ContextValue } from '../../engine/model';
import type { AttributeValue, DynamoDbTable } from '../../world/types';
import type { AwsContext } from '../context';
import type { CallDecision } from '../authz';
import { authorizeCall } from '../authz';
import type { HttpResponse } from '../http';
import { jsonBody, targetOperation } from '../protocol/json';
import { response } from '../http';
import { seededRandom, uuid } from '../random';
import type { Reply, ServiceCall } from '../service';
import { crc32 } from '../s3/bytes';
import type { Condition, Operand } from './expressions';
import { evaluate, ExpressionError, parseCondition, parseProjection, project, Substitutions } from './expressions';
import type { Item, KeyNames, TableFacts } from './store';
import { findTable, itemKey, itemsOf, keyNames, tableArn, tableName, writeItem } from './store';
import { compareScalars, itemSize, keyText, typeOf, valueProblem } from './values';
import { mustNotBeNull, RULE, validationMessage, violation } from '../protocol/validation';

const DDB = 'com.amazonaws.dynamodb.v20120810#';
const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const CORAL = 'com.amazon.coral.service#';

class Fail extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new Fail(VALIDATION, message);

function reply(body: unknown, requestId: string, status = 200): HttpResponse {
  const text = JSON.stringify(body);
  const r = response(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId }, text);
  r.headers['x-amz-crc32'] = String(crc32(r.body));
  return r;
}

function errorReply(type: string, message: string, requestId: string, status = 400): HttpResponse {
  const r = reply({ __type: type, message }, requestId, status);
  r.headers['x-amzn-errortype'] = type.slice(type.indexOf('#') + 1);
  return r;
}

// ---- parameters ----

type Params = Record<string, unknown>;

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v;
}

/** A wrong JSON type is a SerializationException, as DynamoDB's deserializer words it. */
function serialization(field: string, v: unknown, want: string): Fail {
  const got = typeName(v);
  const message =
    got === 'object'
      ? 'Start of structure or map found where not expected.'
      : got === 'list'
        ? 'Start of list found where not expected'
        : `${got === 'number' ? 'NUMBER_VALUE' : got === 'boolean' ? 'BOOLEAN_VALUE' : 'VALUE'} cannot be converted to ${want} (${field})`;
  return new Fail(`${CORAL}SerializationException`, message);
}

function str(p: Params, field: string): string | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw serialization(field, v, 'String');
  return v;
}

function required(p: Params, field: string, member: string): string {
  const v = str(p, field);
  if (v === undefined) throw invalid(validationMessage([mustNotBeNull(member)]));
  return v;
}

function obj(p: Params, field: string): Record<string, unknown> | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw serialization(field, v, 'Map');
  return v as Record<string, unknown>;
}

function tableNameParam(p: Params): string {
  const name = required(p, 'TableName', 'tableName');
  if (name.length < 3) throw invalid(validationMessage([violation(name, 'tableName', RULE.min(3))]));
  if (name.length > 255) throw invalid(validationMessage([violation(name, 'tableName', RULE.max(255))]));
  for (const c of name)
    if (!(
      (c >= 'a' && c <= 'z') ||
      (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9') ||
      c === '_' ||
      c === '.' ||
      c === '-'
    ))
      throw invalid(validationMessage([violation(name, 'tableName', RULE.pattern('[a-zA-Z0-9_.-]+'))]));
  return name;
}

function attributeMap(p: Params, field: string): Item | undefined {
  const m = obj(p, field);
  if (!m) return undefined;
  for (const v of Object.values(m)) {
    const problem = valueProblem(v);
    if (problem) throw invalid(problem);
  }
  return m as Item;
}

function namesParam(p: Params): Record<string, string> | undefined {
  const m = obj(p, 'ExpressionAttributeNames');
  if (!m) return undefined;
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string') throw serialization('ExpressionAttributeNames', v, 'String');
    if (!k.startsWith('#')) throw invalid(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
  }
  return m as Record<string, string>;
}

function valuesParam(p: Params): Item | undefined {
  const m = attributeMap(p, 'ExpressionAttributeValues');
  if (!m) return undefined;
  for (const k of Object.keys(m))
    if (!k.startsWith(':')) throw invalid(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
  return m;
}

/** Parses the request's expressions with one set of substitutions, and checks nothing given went unused. */
function expressions(p: Params, fields: string[]) {
  const names = namesParam(p);
  const values = valuesParam(p);
  const subs = new Substitutions(names, values);
  const given = fields.filter((f) => str(p, f) !== undefined);
  if (given.length === 0 && values)
    throw invalid('ExpressionAttributeValues can only be specified when using expressions');
  if (given.length === 0 && names)
    throw invalid('ExpressionAttributeNames can only be specified when using expressions');
  const out: Record<string, Condition | undefined> = {};
  let projection: ReturnType<typeof parseProjection> | undefined;
  try {
    for (const f of given) {
      if (f === 'ProjectionExpression') projection = parseProjection(str(p, f)!, subs);
      else out[f] = parseCondition(str(p, f)!, f, subs);
    }
  } catch (e) {
    if (e instanceof ExpressionError) throw invalid(e.message);
    throw e;
  }
  const unused = subs.unused();
  if (unused) throw invalid(unused);
  return { conditions: out, projection };
}

// ---- the call ----

class DdbCall {
  decision?: CallDecision;
  constructor(
    readonly call: ServiceCall,
    readonly ctx: AwsContext,
    readonly requestId: string,
  ) {}

  get account(): string {
    return this.call.caller!.account;
  }

  arn(name: string): string {
    return tableArn(this.call.region, this.account, name);
  }

  /**
   * The table; a missing one is ResourceNotFoundException only for a caller allowed `action` on
   * its ARN (AWS authorizes first: others get AccessDeniedException, and learn nothing).
   */
  table(name: string, action: string): DynamoDbTable {
    const arn = this.arn(name);
    const t = findTable(this.ctx.state.world, arn);
    if (!t) {
      this.authorize(action, arn, {});
      throw new Fail(`${DDB}ResourceNotFoundException`, 'Requested resource not found');
    }
    return t;
  }

  authorize(action: string, resource: string, context: Record<string, ContextValue>): void {
    const d = authorizeCall(this.ctx, this.call, action, resource, { context });
    this.decision = d;
    if (!d.allowed) throw new Fail(`${CORAL}AccessDeniedException`, d.message);
  }
}

export async function handleDynamoDb(call: ServiceCall, ctx: AwsContext): Promise<Reply> {
  const requestId = ctx.requestId();
  const op = targetOperation(call.request, 'DynamoDB_20120810');
  const c = new DdbCall(call, ctx, requestId);
  const done = (operation: string, res: HttpResponse): Reply => {
    const r: Reply = { operation, response: res };
    if (c.decision) r.decision = c.decision;
    return r;
  };
  const handler = op ? OPERATIONS[op] : undefined;
  if (!op || !handler) return done(op ?? 'Unknown', errorReply(`${CORAL}UnknownOperationException`, '', requestId));
  if (!call.caller)
    return done(
      op,
      errorReply(`${CORAL}MissingAuthenticationTokenException`, 'Request is missing Authentication Token', requestId),
    );
  const body = jsonBody(call.request);
  if (!body.ok)
    return done(
      op,
      errorReply(
        `${CORAL}SerializationException`,
        `Start of structure or map found where not expected: ${body.message}`,
        requestId,
      ),
    );
  try {
    return done(op, reply(handler(c, body.value), requestId));
  } catch (e) {
    if (e instanceof Fail) return done(op, errorReply(e.type, e.message, requestId, e.status));
    throw e;
  }
}

// ---- tables ----

function facts(c: DdbCall, t: DynamoDbTable): TableFacts {
  return (
    c.ctx.state.dynamodb?.tables[t.arn] ?? {
      creationDateTime: Date.UTC(2025, 0, 1) / 1000,
      billingMode: 'PAY_PER_REQUEST',
      readCapacityUnits: 0,
      writeCapacityUnits: 0,
      tableId: uuid(seededRandom(t.arn)),
    }
  );
}

function describe(c: DdbCall, t: DynamoDbTable) {
  const f = facts(c, t);
  const { lineage } = itemsOf(t);
  let size = 0;
  for (const item of lineage.live.values()) size += itemSize(item);
  const d: Record<string, unknown> = {
    AttributeDefinitions: t.attributeDefinitions.map((a) => ({
      AttributeName: a.attributeName,
      AttributeType: a.attributeType,
    })),
    TableName: tableName(t),
    KeySchema: t.keySchema.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
    TableStatus: 'ACTIVE',
    CreationDateTime: f.creationDateTime,
    ProvisionedThroughput: {
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: f.readCapacityUnits,
      WriteCapacityUnits: f.writeCapacityUnits,
    },
    TableSizeBytes: size,
    ItemCount: lineage.live.size,
    TableArn: t.arn,
    TableId: f.tableId,
    DeletionProtectionEnabled: false,
  };
  if (f.billingMode === 'PAY_PER_REQUEST')
    d.BillingModeSummary = { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: f.creationDateTime };
  return d;
}

function createTable(c: DdbCall, p: Params) {
  const name = tableNameParam(p);
  const ks = p.KeySchema;
  const ad = p.AttributeDefinitions;
  if (ks === undefined || ks === null) throw invalid(validationMessage([mustNotBeNull('keySchema')]));
  if (ad === undefined || ad === null) throw invalid(validationMessage([mustNotBeNull('attributeDefinitions')]));
  if (!Array.isArray(ks)) throw serialization('KeySchema', ks, 'List');
  if (!Array.isArray(ad)) throw serialization('AttributeDefinitions', ad, 'List');
  if (ks.length < 1 || ks.length > 2)
    throw invalid(
      validationMessage([violation(JSON.stringify(ks), 'keySchema', ks.length < 1 ? RULE.min(1) : RULE.max(2))]),
    );
  for (const e of [...ks, ...ad])
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      throw serialization('KeySchema', e, 'KeySchemaElement');
  const keySchema = ks.map((k: Params) => ({
    attributeName: str(k, 'AttributeName') ?? '',
    keyType: str(k, 'KeyType') ?? '',
  }));
  const defs = ad.map((a: Params) => ({
    attributeName: str(a, 'AttributeName') ?? '',
    attributeType: str(a, 'AttributeType') ?? '',
  }));
  for (const k of keySchema)
    if (k.keyType !== 'HASH' && k.keyType !== 'RANGE')
      throw invalid(
        validationMessage([violation(String(k.keyType), 'keySchema.1.member.keyType', RULE.enum(['HASH', 'RANGE']))]),
      );
  for (const a of defs)
    if (!['S', 'N', 'B'].includes(a.attributeType))
      throw invalid(
        validationMessage([
          violation(String(a.attributeType), 'attributeDefinitions.1.member.attributeType', RULE.enum(['B', 'N', 'S'])),
        ]),
      );
  if (keySchema[0].keyType !== 'HASH')
    throw invalid('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keySchema.length === 2 && keySchema[1].keyType !== 'RANGE')
    throw invalid('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (keySchema.length === 2 && keySchema[0].attributeName === keySchema[1].attributeName)
    throw invalid('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  const undefinedKeys = keySchema.filter((k) => !defs.some((a) => a.attributeName === k.attributeName));
  if (undefinedKeys.length > 0)
    throw invalid(
      `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${keySchema.map((k) => k.attributeName).join(', ')}], AttributeDefinitions: [${defs.map((a) => a.attributeName).join(', ')}]`,
    );
  if (defs.length !== keySchema.length)
    throw invalid(
      'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  const mode = str(p, 'BillingMode') ?? 'PROVISIONED';
  if (mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST')
    throw invalid(
      validationMessage([violation(String(mode), 'billingMode', RULE.enum(['PROVISIONED', 'PAY_PER_REQUEST']))]),
    );
  const pt = obj(p, 'ProvisionedThroughput');
  if (mode === 'PAY_PER_REQUEST' && pt)
    throw invalid(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  const read = pt?.ReadCapacityUnits;
  const write = pt?.WriteCapacityUnits;
  if (mode === 'PROVISIONED' && (typeof read !== 'number' || typeof write !== 'number'))
    throw invalid(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
  if (mode === 'PROVISIONED' && ((read as number) < 1 || (write as number) < 1))
    throw invalid(
      'One or more parameter values were invalid: Provisioned throughput values must be greater than or equal to 1',
    );

  const arn = c.arn(name);
  c.authorize('dynamodb:CreateTable', arn, {});
  const world = c.ctx.state.world;
  if (findTable(world, arn)) throw new Fail(`${DDB}ResourceInUseException`, `Table already exists: ${name}`);
  const table: DynamoDbTable = {
    type: 'dynamodb-table',
    arn,
    keySchema: keySchema as DynamoDbTable['keySchema'],
    attributeDefinitions: defs as DynamoDbTable['attributeDefinitions'],
  };
  c.ctx.state.world = { ...world, resources: [...(world.resources ?? []), table] };
  const state = c.ctx.state;
  const tables = { ...(state.dynamodb?.tables ?? {}) };
  tables[arn] = {
    creationDateTime: Math.round(c.ctx.clock.now()) / 1000,
    billingMode: mode,
    readCapacityUnits: mode === 'PROVISIONED' ? (read as number) : 0,
    writeCapacityUnits: mode === 'PROVISIONED' ? (write as number) : 0,
    tableId: uuid(c.ctx.random),
  };
  state.dynamodb = { ...state.dynamodb, tables };
  return { TableDescription: describe(c, table) };
}

function describeTable(c: DdbCall, p: Params) {
  const name = tableNameParam(p);
  const arn = c.arn(name);
  c.authorize('dynamodb:DescribeTable', arn, {});
  return { Table: describe(c, c.table(name, 'dynamodb:DescribeTable')) };
}

// ---- items ----

/** The item's key attributes checked against the table's schema, with DynamoDB's messages. */
function checkKey(t: DynamoDbTable, names: KeyNames, item: Item, what: 'item' | 'key'): void {
  const wanted = [names.hash, ...(names.range ? [names.range] : [])];
  for (const k of wanted) {
    const v = item[k];
    if (v === undefined) {
      if (what === 'item') throw invalid(`One or more parameter values were invalid: Missing the key ${k} in the item`);
      throw invalid('The provided key element does not match the schema');
    }
    const declared = t.attributeDefinitions.find((a) => a.attributeName === k)?.attributeType;
    const actual = typeOf(v);
    if (actual !== declared) {
      if (what === 'item')
        throw invalid(
          `One or more parameter values were invalid: Type mismatch for key ${k} expected: ${declared} actual: ${actual}`,
        );
      throw invalid('The provided key element does not match the schema');
    }
    if ((actual === 'S' && v.S === '') || (actual === 'B' && v.B === ''))
      throw invalid(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${actual === 'S' ? 'string' : 'binary'} value. Key: ${k}`,
      );
  }
  if (what === 'key' && Object.keys(item).length !== wanted.length)
    throw invalid('The provided key element does not match the schema');
}

function returnValues(p: Params, allowed: string[]): string {
  const rv = str(p, 'ReturnValues') ?? 'NONE';
  if (!allowed.includes(rv)) throw invalid(`ReturnValues can only be ${allowed.join(' or ')}`);
  return rv;
}

function itemContext(
  names: KeyNames,
  item: Item,
  extra: Record<string, ContextValue> = {},
): Record<string, ContextValue> {
  return { 'dynamodb:LeadingKeys': [keyText(item[names.hash])], ...extra };
}

function conditionFailed(): Fail {
  return new Fail(`${DDB}ConditionalCheckFailedException`, 'The conditional request failed');
}

function putItem(c: DdbCall, p: Params) {
  const name = tableNameParam(p);
  const item = attributeMap(p, 'Item');
  if (!item) throw invalid(validationMessage([mustNotBeNull('item')]));
  const t = c.table(name, 'dynamodb:PutItem');
  const names = keyNames(t);
  checkKey(t, names, item, 'item');
  if (itemSize(item) > 400 * 1024) throw invalid('Item size has exceeded the maximum allowed size');
  const rv = returnValues(p, ['NONE', 'ALL_OLD']);
  const { conditions } = expressions(p, ['ConditionExpression']);
  const extra: Record<string, ContextValue> = { 'dynamodb:Attributes': Object.keys(item) };
  if (p.ReturnValues !== undefined) extra['dynamodb:ReturnValues'] = rv;
  c.authorize('dynamodb:PutItem', t.arn, itemContext(names, item, extra));
  const key = itemKey(names, item);
  const old = itemsOf(t).lineage.live.get(key);
  const cond = conditions.ConditionExpression;
  if (cond && !evaluate(cond, old ?? {})) throw conditionFailed();
  c.ctx.state.world = writeItem(c.ctx.state.world, t, key, item);
  return rv === 'ALL_OLD' && old ? { Attributes: old } : {};
}

function keyParam(p: Params, t: DynamoDbTable, names: KeyNames): Item {
  const key = attributeMap(p, 'Key');
  if (!key) throw invalid(validationMessage([mustNotBeNull('key')]));
  checkKey(t, names, key, 'key');
  return key;
}

function topLevel(paths: (string | number)[][] | undefined): string[] | undefined {
  return paths ? [...new Set(paths.map((x) => x[0] as string))] : undefined;
}

function getItem(c: DdbCall, p: Params) {
  const name = tableNameParam(p);
  const t = c.table(name, 'dynamodb:GetItem');
  const names = keyNames(t);
  const key = keyParam(p, t, names);
  const { projection } = expressions(p, ['ProjectionExpression']);
  const extra: Record<string, ContextValue> = {};
  const attrs = topLevel(projection);
  if (attrs) {
    extra['dynamodb:Attributes'] = attrs;
    extra['dynamodb:Select'] = 'SPECIFIC_ATTRIBUTES';
  }
  c.authorize('dynamodb:GetItem', t.arn, itemContext(names, key, extra));
  const item = itemsOf(t).lineage.live.get(itemKey(names, key));
  if (!item) return {};
  return { Item: projection ? project(item, projection) : item };
}

function deleteItem(c: DdbCall, p: Params) {
  const name = tableNameParam(p);
  const t = c.table(name, 'dynamodb:DeleteItem');
  const names = keyNames(t);
  const key = keyParam(p, t, names);
  const rv = returnValues(p, ['NONE', 'ALL_OLD']);
  const { conditions } = expressions(p, ['ConditionExpression']);
  const extra: Record<string, ContextValue> = {};
  if (p.ReturnValues !== undefined) extra['dynamodb:ReturnValues'] = rv;
  c.authorize('dynamodb:DeleteItem', t.arn, itemContext(names, key, extra));
  const k = itemKey(names, key);
  const old = itemsOf(t).lineage.live.get(k);
  const cond = conditions.ConditionExpression;
  if (cond && !evaluate(cond, old ?? {})) throw conditionFailed();
  if (old) c.ctx.state.world = writeItem(c.ctx.state.world, t, k, undefined);
  return rv === 'ALL_OLD' && old ? { Attributes: old } : {};
}

// ---- Query ----

interface KeyCondition {
  partition: AttributeValue;
  sort?: Condition;
}

function keyPath(o: Operand): string | undefined {
  return o.kind === 'path' && o.path.length === 1 && typeof o.path[0] === 'string' ? o.path[0] : undefined;
}

const FLIP: Record<string, string> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Splits a KeyConditionExpression into the partition key's value and the sort key's condition, as DynamoDB allows them. */
function keyCondition(cond: Condition, t: DynamoDbTable, names: KeyNames): KeyCondition {
  const parts: Condition[] = [];
  const collect = (x: Condition) => {
    if (x.kind === 'and') {
      collect(x.left);
      collect(x.right);
    } else if (x.kind === 'or' || x.kind === 'not')
      throw invalid(`Invalid operator used in KeyConditionExpression: ${x.kind.toUpperCase()}`);
    else parts.push(x);
  };
  collect(cond);
  if (parts.length > 2) throw invalid('Conditions can be of length 1 or 2 only');
  let partition: AttributeValue | undefined;
  let sort: Condition | undefined;
  const typeOfKey = (k: string) => t.attributeDefinitions.find((a) => a.attributeName === k)?.attributeType;
  const checkType = (k: string, v: AttributeValue) => {
    if (typeOf(v) !== typeOfKey(k))
      throw invalid('One or more parameter values were invalid: Condition parameter type does not match schema type');
  };
  for (let x of parts) {
    if (x.kind === 'in') throw invalid('Invalid operator used in KeyConditionExpression: IN');
    if (x.kind === 'cmp' && x.op === '<>') throw invalid('Invalid operator used in KeyConditionExpression: <>');
    if (x.kind === 'cmp' && x.left.kind === 'value' && x.right.kind === 'path')
      x = { kind: 'cmp', op: FLIP[x.op] as '=', left: x.right, right: x.left };
    let attr: string | undefined;
    if (x.kind === 'cmp') attr = keyPath(x.left);
    else if (x.kind === 'between') attr = keyPath(x.value);
    else if (x.kind === 'fn') {
      if (x.name !== 'begins_with') throw invalid(`Invalid operator used in KeyConditionExpression: ${x.name}`);
      attr = x.args[0] ? keyPath(x.args[0]) : undefined;
    }
    if (attr === undefined) throw invalid('Query key condition not supported');
    if (attr === names.hash) {
      if (x.kind !== 'cmp' || x.op !== '=' || x.right.kind !== 'value' || partition !== undefined)
        throw invalid('Query key condition not supported');
      checkType(attr, x.right.value);
      partition = x.right.value;
    } else if (attr === names.range) {
      if (sort !== undefined) throw invalid('KeyConditionExpressions must only contain one condition per key');
      const values: AttributeValue[] =
        x.kind === 'cmp'
          ? x.right.kind === 'value'
            ? [x.right.value]
            : []
          : x.kind === 'between'
            ? [x.low, x.high].flatMap((o) => (o.kind === 'value' ? [o.value] : []))
            : x.kind === 'fn' && x.args[1]?.kind === 'value'
              ? [x.args[1].value]
              : [];
      if (values.length !== (x.kind === 'between' ? 2 : 1)) throw invalid('Query key condition not supported');
      if (x.kind === 'fn' && typeOfKey(attr) === 'N')
        throw invalid(
          'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
        );
      for (const v of values) checkType(attr, v);
      if (x.kind === 'between' && (compareScalars(values[0], values[1]) ?? 0) > 0)
        throw invalid(
          `Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {${typeOf(values[0])}:${keyText(values[0])}}, upper bound operand: AttributeValue: {${typeOf(values[1])}:${keyText(values[1])}}`,
        );
      sort = x;
    } else if (partition === undefined && !parts.some((y) => y.kind === 'cmp' && keyPath(y.left) === names.hash))
      throw invalid(`Query condition missed key schema element: ${names.hash}`);
    else throw invalid('Query key condition not supported');
  }
  if (partition === undefined) throw invalid(`Query condition missed key schema element: ${names.hash}`);
  return sort ? { partition, sort } : { partition };
}

function limitParam(p: Params): number | undefined {
  const v = p.Limit;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw serialization('Limit', v, 'Integer');
  if (!Number.isInteger(v) || v < 1)
    throw invalid(validationMessage([violation(String(v), 'limit', RULE.minValue(1))]));
  return v;
}

function query(c: DdbCall, p: Params) {
  const name = tableNameParam(p);
  if (p.IndexName !== undefined && p.IndexName !== null) {
    c.table(name, 'dynamodb:Query');
    throw invalid(`The table does not have the specified index: ${String(p.IndexName)}`);
  }
  const t = c.table(name, 'dynamodb:Query');
  const names = keyNames(t);
  if (str(p, 'KeyConditionExpression') === undefined)
    throw invalid('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const { conditions, projection } = expressions(p, [
    'KeyConditionExpression',
    'FilterExpression',
    'ProjectionExpression',
  ]);
  const kc = keyCondition(conditions.KeyConditionExpression!, t, names);
  const limit = limitParam(p);
  const select = str(p, 'Select');
  if (
    select !== undefined &&
    !['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'].includes(select)
  )
    throw invalid(
      validationMessage([
        violation(
          String(select),
          'select',
          RULE.enum(['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES']),
        ),
      ]),
    );
  if (select === 'SPECIFIC_ATTRIBUTES' && !projection)
    throw invalid(
      'One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet',
    );
  if (select && select !== 'SPECIFIC_ATTRIBUTES' && projection)
    throw invalid(
      `One or more parameter values were invalid: Cannot specify the ProjectionExpression when choosing to get ${select}`,
    );
  const forward = p.ScanIndexForward === undefined || p.ScanIndexForward === null ? true : p.ScanIndexForward;
  if (typeof forward !== 'boolean') throw serialization('ScanIndexForward', forward, 'Boolean');
  const start = attributeMap(p, 'ExclusiveStartKey');
  if (start) {
    try {
      checkKey(t, names, start, 'key');
    } catch {
      throw invalid('The provided starting key is invalid: The provided key element does not match the schema');
    }
    if (keyText(start[names.hash]) !== keyText(kc.partition))
      throw invalid('The provided starting key is outside query boundaries based on provided conditions');
  }

  const extra: Record<string, ContextValue> = {};
  const attrs = topLevel(projection);
  if (attrs) extra['dynamodb:Attributes'] = attrs;
  if (select) extra['dynamodb:Select'] = select;
  else if (attrs) extra['dynamodb:Select'] = 'SPECIFIC_ATTRIBUTES';
  c.authorize('dynamodb:Query', t.arn, { 'dynamodb:LeadingKeys': [keyText(kc.partition)], ...extra });

  let items = itemsOf(t).partitions.items(keyText(kc.partition));
  if (kc.sort) items = items.filter((i) => evaluate(kc.sort!, i));
  if (!forward) items = [...items].reverse();
  if (start && names.range) {
    const sv = start[names.range];
    const after = items.findIndex((i) => {
      const cmp = compareScalars(i[names.range!], sv) ?? 0;
      return forward ? cmp > 0 : cmp < 0;
    });
    items = after < 0 ? [] : items.slice(after);
  } else if (start) items = [];
  let evaluated = items;
  let lastKey: Item | undefined;
  if (limit !== undefined && items.length >= limit) {
    evaluated = items.slice(0, limit);
    const last = evaluated[evaluated.length - 1];
    lastKey = { [names.hash]: last[names.hash] };
    if (names.range) lastKey[names.range] = last[names.range];
  }
  const filter = conditions.FilterExpression;
  const matched = filter ? evaluated.filter((i) => evaluate(filter, i)) : evaluated;
  const out: Record<string, unknown> = { Count: matched.length, ScannedCount: evaluated.length };
  if (select !== 'COUNT') out.Items = projection ? matched.map((i) => project(i, projection)) : matched;
  if (lastKey) out.LastEvaluatedKey = lastKey;
  return out;
}

/** ListTables: this account's tables in the region, by name, `Limit` (1 to 100) at a time. */
function listTables(c: DdbCall, p: Params) {
  const start = str(p, 'ExclusiveStartTableName');
  const limit = limitParam(p) ?? 100;
  if (limit > 100) throw invalid(validationMessage([violation(String(limit), 'limit', RULE.maxValue(100))]));
  c.authorize('dynamodb:ListTables', '*', {});
  const prefix = tableArn(c.call.region, c.account, '');
  const names = (c.ctx.state.world.resources ?? [])
    .filter((r): r is DynamoDbTable => r.type === 'dynamodb-table' && r.arn.startsWith(prefix))
    .map(tableName)
    .sort();
  const after = start === undefined ? names : names.filter((n) => n > start);
  const page = after.slice(0, limit);
  const out: Record<string, unknown> = { TableNames: page };
  if (after.length > limit) out.LastEvaluatedTableName = page[page.length - 1];
  return out;
}

const OPERATIONS: Record<string, (c: DdbCall, p: Params) => unknown> = {
  CreateTable: createTable,
  ListTables: listTables,
  DescribeTable: describeTable,
  PutItem: putItem,
  GetItem: getItem,
  DeleteItem: deleteItem,
  Query: query,
};
