import { describe, expect, it } from 'vitest';
import { protoFiles, protoRoot } from '../../scripts/schema-files.ts';
import { diffSchemas } from './diff-schemas.ts';
import { loadSchema, type SchemaJson } from './load-schema.ts';

/** The parts of protobufjs's JSON descriptor (SchemaJson) that these tests edit. */
interface FieldJson {
  id: number;
  type: string;
  rule?: string;
}
interface TypeJson {
  fields: Record<string, FieldJson>;
  oneofs: Record<string, { oneof: string[] }>;
  reserved?: Array<number[] | string>;
  nested: Record<string, TypeJson>;
  values: Record<string, number>;
  methods: Record<string, { requestStream?: boolean }>;
}
type V1Json = Record<'Event' | 'Purchase' | 'Progression' | 'Collector', TypeJson> & { Brand?: Partial<TypeJson>; SdkHealth?: TypeJson };

const base = loadSchema(protoRoot, protoFiles);
const clone = () => JSON.parse(JSON.stringify(base)) as SchemaJson;
const v1 = (s: SchemaJson) => (s as { nested: { gamepulse: { nested: { v1: { nested: V1Json } } } } }).nested.gamepulse.nested.v1.nested;

describe('proto/compat/diffSchemas', () => {
  it('finds nothing between a schema and itself', () => {
    expect(diffSchemas(base, clone())).toEqual([]);
  });

  it('allows a new field and a new message', () => {
    const s = clone();
    v1(s).Event.fields.new_thing = { type: 'string', id: 99 };
    v1(s).Brand = { fields: { x: { type: 'int32', id: 1 } } };
    expect(diffSchemas(base, s)).toEqual([]);
  });

  it('flags a removed field, but not when its number is reserved', () => {
    const s = clone();
    delete v1(s).Purchase.fields.store;
    expect(diffSchemas(base, s)).toEqual([
      { path: 'gamepulse.v1.Purchase.store', problem: 'field 6 removed without reserving its number' },
    ]);
    v1(s).Purchase.reserved = [[6, 6], 'store'];
    expect(diffSchemas(base, s)).toEqual([]);
  });

  it('flags a renumbered field and a changed type', () => {
    const s = clone();
    v1(s).Purchase.fields.amount_minor!.id = 16;
    v1(s).Purchase.fields.currency!.type = 'bytes';
    const problems = diffSchemas(base, s).map((b) => `${b.path}: ${b.problem}`);
    expect(problems).toContain('gamepulse.v1.Purchase.amount_minor: renumbered from 2 to 16');
    expect(problems).toContain('gamepulse.v1.Purchase.amount_minor: field 2 removed without reserving its number');
    expect(problems).toContain('gamepulse.v1.Purchase.currency: type changed from string to bytes');
  });

  it('flags a field made repeated and a field moved out of the oneof', () => {
    const s = clone();
    v1(s).Event.fields.player_id!.rule = 'repeated';
    v1(s).Event.oneofs.payload!.oneof = v1(s).Event.oneofs.payload!.oneof.filter((f) => f !== 'ad');
    const problems = diffSchemas(base, s).map((b) => b.problem);
    expect(problems).toContain('label changed (singular → repeated)');
    expect(problems).toContain('oneof membership changed (payload → none)');
  });

  it('flags removed enum values, messages and rpc changes', () => {
    const s = clone();
    delete v1(s).Progression.nested.Status!.values.STATUS_FAIL;
    delete v1(s).SdkHealth;
    v1(s).Collector.methods.Send!.requestStream = true;
    const problems = diffSchemas(base, s).map((b) => `${b.path}: ${b.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'gamepulse.v1.Progression.Status.STATUS_FAIL: enum value 3 removed without reserving it',
        'gamepulse.v1.SdkHealth: message removed',
        'gamepulse.v1.Collector.Send: rpc signature changed',
      ]),
    );
  });
});
