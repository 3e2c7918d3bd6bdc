import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document (which the routes' zod
 * schemas generate), so every route, including one added tomorrow, is fuzzed with no list to keep.
 * "Valid-shaped" values follow the schema (types, bounds, patterns, enums, required properties),
 * and ids are drawn mostly from ids that exist, so requests get past validation into the services.
 * With `hostility` > 0 any node may instead be a hostile value (see hostile-values.ts).
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface ArbitraryOptions {
  /** components.schemas of the document, for $ref. */
  components: Record<string, JsonSchema>;
  /** Ids that exist in the database: an id-shaped string is one of these most of the time. */
  knownIds: readonly string[];
  /** Weight of a hostile value against 10 for a valid-shaped one, at every node (0: none). */
  hostility: number;
  hostile: fc.Arbitrary<unknown>;
}

const MAX_DEPTH = 8;

function resolve(schema: JsonSchema, options: ArbitraryOptions): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = options.components[name] ?? {};
  }
  return current;
}

function stringArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
  if (schema.format === 'date')
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 200);
  const fits = (text: string) => text.length >= minLength && text.length <= (schema.maxLength ?? Infinity);
  if (schema.pattern) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(schema.pattern);
    } catch {
      return fc.string({ minLength, maxLength });
    }
    const matching = fc.stringMatching(pattern, { size: 'xsmall' }).filter(fits);
    const known = options.knownIds.filter((id) => pattern.test(id) && fits(id));
    return known.length > 0
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, matching)
      : matching;
  }
  return fc.string({ minLength, maxLength });
}

function numberBounds(schema: JsonSchema, integer: boolean) {
  let min =
    schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : -1_000_000);
  let max =
    schema.maximum ?? (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : 1_000_000);
  const step = integer ? 1 : 1e-6;
  if (typeof schema.exclusiveMinimum === 'number' || schema.exclusiveMinimum === true) min += step;
  if (typeof schema.exclusiveMaximum === 'number' || schema.exclusiveMaximum === true) max -= step;
  if (max < min) max = min;
  return { min: Math.max(min, -1e9), max: Math.min(max, 1e9) };
}

/** A value shaped like `schema` (or, by `hostility`, sometimes a hostile one). */
export function schemaArbitrary(
  schema: JsonSchema,
  options: ArbitraryOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validShaped(schema, options, depth);
  if (options.hostility <= 0) return valid;
  return fc.oneof(
    { weight: 10, arbitrary: valid },
    { weight: options.hostility, arbitrary: options.hostile },
  );
}

function validShaped(raw: JsonSchema, options: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(raw, options);
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, options, depth + 1)));
  if (schema.allOf?.length) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.map((s) => resolve(s, options))) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return validShaped(merged, options, depth);
  }
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => schemaArbitrary({ ...schema, type }, options, depth + 1)));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return fc.integer(numberBounds(schema, true));
    case 'number':
      return fc.double({ ...numberBounds(schema, false), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (schema.prefixItems)
        return fc.tuple(...schema.prefixItems.map((item) => schemaArbitrary(item, options, depth + 1)));
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(schemaArbitrary(schema.items ?? {}, options, depth + 1), { minLength, maxLength });
    }
    case 'object':
    default: {
      if (!schema.properties)
        return schema.type === 'object'
          ? fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
          : fc.jsonValue({ maxDepth: 2 });
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(schema.properties))
        record[name] = schemaArbitrary(property, options, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in record) });
    }
  }
}
