// Reads a Parquet file written by Strata with two independent readers, DuckDB and hyparquet, and
// checks every value, the schema, the per-row-group statistics and the key-value metadata
// against the values the C++ test dumped (expected.json + expected.bin, column-major, 8 bytes a
// value: float64, or int64 microseconds for the timestamp). Statistics are recomputed here from
// the dumped values, not taken from Strata.
// Usage: node verify_parquet.mjs FILE.parquet EXPECTED.json EXPECTED.bin
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readFileSync } from 'node:fs';

const [file, expectedJson, expectedBin] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectedJson, 'utf8'));
const raw = readFileSync(expectedBin);
const rows = expected.rows;
const failures = [];
let checks = 0;
const check = (ok, what) => { checks++; if (!ok && failures.length < 30) failures.push(what); };

// Expected values per column: BigInt64Array for the timestamp, Float64Array otherwise.
const columns = expected.columns.map((c, i) => {
  const bytes = raw.buffer.slice(raw.byteOffset + i * rows * 8, raw.byteOffset + (i + 1) * rows * 8);
  return { ...c, values: c.type === 'timestamp' ? new BigInt64Array(bytes) : new Float64Array(bytes) };
});
const duckType = { timestamp: 'TIMESTAMP WITH TIME ZONE', double: 'DOUBLE', float: 'FLOAT', int8: 'TINYINT' };
const physical = { timestamp: 'INT64', double: 'DOUBLE', float: 'FLOAT', int8: 'INT32' };

// What a reader must return for expected value v of column c (null for a missing int8).
function want(c, v) {
  if (c.type === 'timestamp') return v;
  if (c.type === 'float') return Math.fround(v);
  if (c.type === 'int8') return Number.isNaN(v) ? null : v;
  return v;
}
const same = (a, b) => (typeof a === 'number' && typeof b === 'number') ? Object.is(a, b) || (a === b && a !== 0) : a === b;

// Statistics of rows [begin, end): NaN and nulls left out; zero minimum -0, zero maximum +0.
function stats(c, begin, end) {
  let min = null, max = null, nulls = 0;
  for (let r = begin; r < end; r++) {
    const v = want(c, c.values[r]);
    if (v === null) { nulls++; continue; }
    if (typeof v === 'number' && Number.isNaN(v)) continue;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  }
  if (c.type === 'double' || c.type === 'float') {
    if (min === 0) min = -0;
    if (max === 0) max = 0;
  }
  return { min, max, nulls };
}

function parseDuckStat(c, text) {
  if (text === null || text === undefined) return null;
  if (c.type === 'timestamp') {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)?\+00$/.exec(text);
    if (!m) return `unparsed ${text}`;
    const frac = m[3] ? BigInt(m[3].slice(1).padEnd(6, '0')) : 0n;
    return BigInt(Date.parse(`${m[1]}T${m[2]}Z`)) * 1000n + frac;
  }
  const v = text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text);
  return c.type === 'float' ? Math.fround(v) : v;
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");
const q = async (sql) => (await db.runAndReadAll(sql)).getRowObjects();
const lit = file.replaceAll("'", "''");

// Schema and types (parquet_schema rather than DESCRIBE: DuckDB binds 50,000 columns slowly)
const schema = await q(`SELECT name, type, repetition_type, converted_type, logical_type, duckdb_type FROM parquet_schema('${lit}') WHERE num_children IS NULL`);
check(schema.length === columns.length, `duckdb: ${schema.length} columns, expected ${columns.length}`);
columns.forEach((c, i) => {
  const s = schema[i];
  check(s?.name === c.name, `duckdb: column ${i} is ${s?.name}, expected ${c.name}`);
  check(s?.duckdb_type === duckType[c.type], `duckdb: ${c.name} is ${s?.duckdb_type}, expected ${duckType[c.type]}`);
  check(s?.type === physical[c.type], `schema: ${c.name} physical ${s?.type}`);
  check(s?.repetition_type === (c.nullable ? 'OPTIONAL' : 'REQUIRED'), `schema: ${c.name} repetition ${s?.repetition_type}`);
  if (c.type === 'timestamp') {
    check(s?.converted_type === 'TIMESTAMP_MICROS', `schema: timestamp converted ${s?.converted_type}`);
    check(/isAdjustedToUTC=1/.test(s?.logical_type) && /MICROS=MicroSeconds/.test(s?.logical_type), `schema: timestamp logical ${s?.logical_type}`);
  }
  if (c.type === 'int8') check(s?.converted_type === 'INT_8', `schema: ${c.name} converted ${s?.converted_type}`);
});

// Every value; of a very wide file (the spec's 50,000 columns) a sample of columns, because both
// readers take minutes per 50,000-column scan. There every chunk's statistics are still
// checked below, and with 2-row row groups they pin each value.
const wide = columns.length > 2000;
const step = Math.ceil(columns.length / 50);
const valueColumns = wide ? columns.filter((c, i) => i % step === 0 || i === columns.length - 1) : columns;
const count = await q(`SELECT count(*)::BIGINT AS n FROM read_parquet('${lit}')`);
check(Number(count[0].n) === rows, `duckdb: ${count[0].n} rows, expected ${rows}`);
const batch = Math.max(1, Math.floor(2_000_000 / valueColumns.length));
for (let begin = 0; begin < rows; begin += batch) {
  const list = valueColumns.map(c => c.type === 'timestamp' ? `epoch_us("${c.name}") AS "${c.name}"` : `"${c.name.replaceAll('"', '""')}"`).join(', ');
  const reader = await db.runAndReadAll(`SELECT ${list} FROM read_parquet('${lit}', file_row_number = true) WHERE file_row_number >= ${begin} AND file_row_number < ${begin + batch} ORDER BY file_row_number`);
  const got = reader.getColumns();
  valueColumns.forEach((c, i) => {
    for (let k = 0; k < got[i].length; k++) {
      const w = want(c, c.values[begin + k]);
      check(same(got[i][k], w), `duckdb: ${c.name}[${begin + k}] = ${got[i][k]}, expected ${w}`);
    }
  });
}

// Statistics and layout of every column chunk
const meta = await q(`SELECT row_group_id, row_group_num_rows, path_in_schema, type, num_values, compression, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('${lit}') ORDER BY row_group_id, column_id`);
const groups = rows === 0 ? 0 : Math.ceil(rows / expected.rowGroupRows);
check(meta.length === groups * columns.length, `metadata: ${meta.length} column chunks, expected ${groups * columns.length}`);
const byName = new Map(columns.map(c => [c.name, c]));
for (const m of meta) {
  const g = Number(m.row_group_id), c = byName.get(m.path_in_schema);
  if (!c) { check(false, `metadata: unknown column ${m.path_in_schema}`); continue; }
  const begin = g * expected.rowGroupRows, end = Math.min(rows, begin + expected.rowGroupRows);
  const s = stats(c, begin, end);
  const where = `row group ${g} ${c.name}`;
  check(Number(m.row_group_num_rows) === end - begin, `${where}: ${m.row_group_num_rows} rows`);
  check(m.type === physical[c.type], `${where}: type ${m.type}`);
  check(m.compression === expected.codec, `${where}: codec ${m.compression}, expected ${expected.codec}`);
  check(Number(m.stats_null_count) === s.nulls, `${where}: null_count ${m.stats_null_count}, expected ${s.nulls}`);
  // DuckDB shows no floating-point statistics when a bound is infinite (its own writer omits
  // them); hyparquet checks those below.
  const infinite = typeof s.min === 'number' && (!Number.isFinite(s.min) || !Number.isFinite(s.max));
  const duckMin = parseDuckStat(c, m.stats_min_value), duckMax = parseDuckStat(c, m.stats_max_value);
  check(same(duckMin, s.min) || (infinite && duckMin === null), `${where}: min ${m.stats_min_value}, expected ${s.min}`);
  check(same(duckMax, s.max) || (infinite && duckMax === null), `${where}: max ${m.stats_max_value}, expected ${s.max}`);
}

// Key-value metadata
const kv = await q(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${lit}')`);
const kvMap = Object.fromEntries(kv.map(r => [r.key, r.value]));
for (const [key, value] of Object.entries(expected.keyValues ?? {}))
  check(kvMap[key] === value, `metadata: ${key} = ${JSON.stringify(kvMap[key])?.slice(0, 200)}, expected ${JSON.stringify(value).slice(0, 200)}`);

// The second reader: hyparquet (pure JavaScript)
const buffer = readFileSync(file);
const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
const hmeta = parquetMetadata(arrayBuffer);
check(Number(hmeta.num_rows) === rows, `hyparquet: ${hmeta.num_rows} rows`);
const hkv = Object.fromEntries((hmeta.key_value_metadata ?? []).map(e => [e.key, e.value]));
for (const [key, value] of Object.entries(expected.keyValues ?? {}))
  check(hkv[key] === value, `hyparquet: metadata ${key} differs`);
hmeta.row_groups.forEach((group, g) => group.columns.forEach((chunk, i) => {
  const c = columns[i], st = chunk.meta_data.statistics ?? {};
  const begin = g * expected.rowGroupRows, s = stats(c, begin, Math.min(rows, begin + expected.rowGroupRows));
  check(Number(st.null_count) === s.nulls, `hyparquet: row group ${g} ${c.name} null_count ${st.null_count}`);
  if (c.type === 'timestamp') return;  // hyparquet turns timestamp statistics into Dates (ms)
  check(same(st.min_value ?? null, s.min), `hyparquet: row group ${g} ${c.name} min ${st.min_value}, expected ${s.min}`);
  check(same(st.max_value ?? null, s.max), `hyparquet: row group ${g} ${c.name} max ${st.max_value}, expected ${s.max}`);
}));
const objects = await parquetReadObjects({
  file: arrayBuffer, compressors, parsers: { timestampFromMicroseconds: (v) => BigInt(v) },
  columns: wide ? valueColumns.map(c => c.name) : undefined,
});
check(objects.length === rows, `hyparquet: ${objects.length} rows`);
objects.forEach((row, r) => valueColumns.forEach(c => {
  const w = want(c, c.values[r]);
  let got = row[c.name];
  if (c.type === 'int8' && got !== null) got = Number(got);
  check(same(got, w), `hyparquet: ${c.name}[${r}] = ${got}, expected ${w}`);
}));

const scope = wide ? `values of ${valueColumns.length} of ${columns.length} columns` : 'every value';
console.log(`${file}: ${checks} checks (${scope}), ${failures.length ? 'FAILED' : 'all passed'} (DuckDB, hyparquet)`);
for (const f of failures) console.log(`  ${f}`);
process.exit(failures.length ? 1 : 0);
