/**
 * A small PromQL reader for the dashboards' expressions: a tokenizer and a recursive-descent
 * parser over the grammar of https://prometheus.io/docs/prometheus/latest/querying/basics/
 * (selectors, matchers, ranges and subqueries, offset, functions, aggregations with
 * by/without, binary operators with bool/on/ignoring/group_left/group_right). It accepts
 * Grafana's template variables where Prometheus takes a duration (`[$__rate_interval]`)
 * and inside strings (`job=~"$job"`).
 *
 * It does not evaluate or type-check the whole expression; what it returns — every series
 * selector with its matchers and range, every function called, every grouping label — is
 * what the dashboard tests check against the services' live metrics. Prometheus's own
 * parser (promtool) checks the same expressions in test/integration/grafana-metrics.test.ts.
 */

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Selector {
  /** The metric name; undefined for a bare `{…}` selector. */
  metric: string | undefined;
  matchers: Matcher[];
  /** The range in `metric[5m]` (a duration or a Grafana variable); undefined for an instant selector. */
  range: string | undefined;
  /** The function the selector is the (range-vector) argument of, e.g. `rate`. */
  inFunction: string | undefined;
}

export interface Grouping {
  /** `by`, `without`, `on`, `ignoring`, `group_left` or `group_right`. */
  kind: string;
  labels: string[];
  /** The aggregation (`sum`, …) a by/without belongs to; undefined for vector matching. */
  aggregation: string | undefined;
}

export interface ParsedPromql {
  selectors: Selector[];
  functions: string[];
  groupings: Grouping[];
}

export class PromqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly expr: string,
    readonly position: number,
  ) {
    super(`${message} at ${position} in ${JSON.stringify(expr)}`);
    this.name = 'PromqlSyntaxError';
  }
}

/** Aggregation operators (https://prometheus.io/docs/prometheus/latest/querying/operators/#aggregation-operators). */
export const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/** Functions of Prometheus 3 (https://prometheus.io/docs/prometheus/latest/querying/functions/). */
export const FUNCTIONS = new Set([
  'abs',
  'absent',
  'absent_over_time',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'avg_over_time',
  'ceil',
  'changes',
  'clamp',
  'clamp_max',
  'clamp_min',
  'cos',
  'cosh',
  'count_over_time',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'deg',
  'delta',
  'deriv',
  'exp',
  'floor',
  'histogram_avg',
  'histogram_count',
  'histogram_fraction',
  'histogram_quantile',
  'histogram_stddev',
  'histogram_stdvar',
  'histogram_sum',
  'hour',
  'idelta',
  'increase',
  'irate',
  'label_join',
  'label_replace',
  'last_over_time',
  'ln',
  'log10',
  'log2',
  'max_over_time',
  'min_over_time',
  'minute',
  'month',
  'pi',
  'predict_linear',
  'present_over_time',
  'quantile_over_time',
  'rad',
  'rate',
  'resets',
  'round',
  'scalar',
  'sgn',
  'sin',
  'sinh',
  'sort',
  'sort_by_label',
  'sort_by_label_desc',
  'sort_desc',
  'sqrt',
  'stddev_over_time',
  'stdvar_over_time',
  'sum_over_time',
  'tan',
  'tanh',
  'time',
  'timestamp',
  'vector',
  'year',
]);

const BINARY_KEYWORDS = new Set(['and', 'or', 'unless', 'atan2']);
const BINARY_SYMBOLS = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '<=', '>=', '<', '>']);
const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);
/** A Prometheus duration (`5m`, `1h30m`) or a Grafana variable standing for one. */
const DURATION = /^(?:(?:\d+(?:ms|s|m|h|d|w|y))+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/;

type TokenKind = 'ident' | 'string' | 'number' | 'duration' | 'punct' | 'variable';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'" || c === '`') {
      i++;
      let value = '';
      while (i < expr.length && expr[i] !== c) {
        if (expr[i] === '\\' && c !== '`') i++;
        value += expr[i] ?? '';
        i++;
      }
      if (i >= expr.length) throw new PromqlSyntaxError('unterminated string', expr, start);
      i++;
      tokens.push({ kind: 'string', text: value, pos: start });
      continue;
    }
    if (c === '$') {
      const m = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(expr.slice(i));
      if (!m) throw new PromqlSyntaxError('bad variable', expr, start);
      i += m[0].length;
      tokens.push({ kind: 'variable', text: m[0], pos: start });
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const dur = /^(?:\d+(?:ms|s|m|h|d|w|y))+/.exec(expr.slice(i));
      if (dur) {
        i += dur[0].length;
        tokens.push({ kind: 'duration', text: dur[0], pos: start });
        continue;
      }
      const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(expr.slice(i));
      if (!num) throw new PromqlSyntaxError('bad number', expr, start);
      i += num[0].length;
      tokens.push({ kind: 'number', text: num[0], pos: start });
      continue;
    }
    // A name may hold colons (recording rules) but not start with one: `[1h:1m]` is a subquery.
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(expr.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'ident', text: m[0], pos: start });
      continue;
    }
    const two = expr.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '=~', '!~'].includes(two)) {
      i += 2;
      tokens.push({ kind: 'punct', text: two, pos: start });
      continue;
    }
    if ('(){}[],:+-*/%^<>='.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, pos: start });
      continue;
    }
    throw new PromqlSyntaxError(`unexpected character ${JSON.stringify(c)}`, expr, start);
  }
  return tokens;
}

class Parser {
  private i = 0;
  readonly out: ParsedPromql = { selectors: [], functions: [], groupings: [] };

  constructor(
    private readonly expr: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ParsedPromql {
    if (this.tokens.length === 0) throw this.error('empty expression');
    this.expression(undefined);
    if (this.peek()) throw this.error(`unexpected ${JSON.stringify(this.peek()!.text)}`);
    return this.out;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private error(message: string): PromqlSyntaxError {
    return new PromqlSyntaxError(message, this.expr, this.peek()?.pos ?? this.expr.length);
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'punct' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.isPunct(text)) throw this.error(`expected ${JSON.stringify(text)}`);
    this.i++;
  }

  /** unary (binop [bool] [on|ignoring (…)] [group_left|group_right [(…)]] unary)* */
  private expression(fn: string | undefined): void {
    this.unary(fn);
    for (;;) {
      const t = this.peek();
      if (!t) return;
      const binary =
        (t.kind === 'punct' && BINARY_SYMBOLS.has(t.text)) || (t.kind === 'ident' && BINARY_KEYWORDS.has(t.text.toLowerCase()));
      if (!binary) return;
      this.i++;
      if (this.peek()?.kind === 'ident' && this.peek()!.text === 'bool') this.i++;
      const matching = this.peek();
      if (matching?.kind === 'ident' && (matching.text === 'on' || matching.text === 'ignoring')) {
        this.i++;
        this.out.groupings.push({ kind: matching.text, labels: this.labelList(), aggregation: undefined });
        const group = this.peek();
        if (group?.kind === 'ident' && (group.text === 'group_left' || group.text === 'group_right')) {
          this.i++;
          const labels = this.isPunct('(') ? this.labelList() : [];
          this.out.groupings.push({ kind: group.text, labels, aggregation: undefined });
        }
      }
      this.unary(fn);
    }
  }

  private unary(fn: string | undefined): void {
    while (this.isPunct('-') || this.isPunct('+')) this.i++;
    this.primary(fn);
    this.postfix();
  }

  /** `[range]`, `[range:step]` (subquery), `offset d`, `@ t` after an expression. */
  private postfix(): void {
    for (;;) {
      if (this.isPunct('[')) {
        this.i++;
        this.duration();
        if (this.isPunct(':')) {
          this.i++;
          if (!this.isPunct(']')) this.duration();
        }
        this.expect(']');
        continue;
      }
      const t = this.peek();
      if (t?.kind === 'ident' && t.text === 'offset') {
        this.i++;
        if (this.isPunct('-')) this.i++;
        this.duration();
        continue;
      }
      return;
    }
  }

  private duration(): string {
    const t = this.peek();
    if (!t || !(t.kind === 'duration' || t.kind === 'variable') || !DURATION.test(t.text)) throw this.error('expected a duration');
    this.i++;
    return t.text;
  }

  private primary(fn: string | undefined): void {
    const t = this.peek();
    if (!t) throw this.error('unexpected end of expression');
    if (t.kind === 'number' || t.kind === 'string') {
      this.i++;
      return;
    }
    if (t.kind === 'punct' && t.text === '(') {
      this.i++;
      this.expression(fn);
      this.expect(')');
      return;
    }
    if (t.kind === 'punct' && t.text === '{') {
      this.selector(undefined, fn);
      return;
    }
    if (t.kind !== 'ident') throw this.error(`unexpected ${JSON.stringify(t.text)}`);
    const name = t.text;
    if (AGGREGATIONS.has(name) && (this.isPunct('(', 1) || this.peek(1)?.text === 'by' || this.peek(1)?.text === 'without')) {
      this.i++;
      this.out.functions.push(name);
      this.aggregationModifier(name);
      this.arguments(name);
      this.aggregationModifier(name);
      return;
    }
    if (this.isPunct('(', 1)) {
      if (!FUNCTIONS.has(name)) throw this.error(`unknown function ${name}`);
      this.i++;
      this.out.functions.push(name);
      this.arguments(name);
      return;
    }
    if (/^(?:by|without|on|ignoring|group_left|group_right|bool|offset)$/.test(name)) throw this.error(`unexpected keyword ${name}`);
    this.i++;
    this.selector(name, fn);
  }

  private aggregationModifier(aggregation: string): void {
    const t = this.peek();
    if (t?.kind === 'ident' && (t.text === 'by' || t.text === 'without')) {
      this.i++;
      this.out.groupings.push({ kind: t.text, labels: this.labelList(), aggregation });
    }
  }

  private arguments(fn: string): void {
    this.expect('(');
    if (this.isPunct(')')) {
      this.i++;
      return;
    }
    for (;;) {
      this.expression(fn);
      if (this.isPunct(',')) {
        this.i++;
        continue;
      }
      this.expect(')');
      return;
    }
  }

  private labelList(): string[] {
    this.expect('(');
    const labels: string[] = [];
    while (!this.isPunct(')')) {
      const t = this.peek();
      if (t?.kind !== 'ident' && t?.kind !== 'string') throw this.error('expected a label name');
      labels.push(t.text);
      this.i++;
      if (this.isPunct(',')) this.i++;
      else if (!this.isPunct(')')) throw this.error('expected "," or ")"');
    }
    this.i++;
    return labels;
  }

  private selector(metric: string | undefined, fn: string | undefined): void {
    const matchers: Matcher[] = [];
    if (this.isPunct('{')) {
      this.i++;
      while (!this.isPunct('}')) {
        const label = this.peek();
        if (label?.kind !== 'ident' && label?.kind !== 'string') throw this.error('expected a label name');
        this.i++;
        const op = this.peek();
        if (op?.kind !== 'punct' || !MATCH_OPS.has(op.text)) throw this.error('expected =, !=, =~ or !~');
        this.i++;
        const value = this.peek();
        if (value?.kind !== 'string') throw this.error('expected a quoted label value');
        this.i++;
        matchers.push({ label: label.text, op: op.text as Matcher['op'], value: value.text });
        if (this.isPunct(',')) this.i++;
        else if (!this.isPunct('}')) throw this.error('expected "," or "}"');
      }
      this.i++;
    }
    if (metric === undefined && matchers.length === 0) throw this.error('a selector needs a metric name or a matcher');
    let range: string | undefined;
    // A range directly on the selector makes it a range vector; `[a:b]` is a subquery (postfix).
    if (this.isPunct('[') && !this.isSubquery()) {
      this.i++;
      range = this.duration();
      this.expect(']');
    }
    this.out.selectors.push({ metric, matchers, range, inFunction: fn });
  }

  private isSubquery(): boolean {
    for (let k = this.i + 1; k < this.tokens.length; k++) {
      if (this.tokens[k]!.kind === 'punct' && this.tokens[k]!.text === ']') return false;
      if (this.tokens[k]!.kind === 'punct' && this.tokens[k]!.text === ':') return true;
    }
    return false;
  }
}

/** Parses a PromQL expression; throws PromqlSyntaxError with the position of the first problem. */
export function parsePromql(expr: string): ParsedPromql {
  return new Parser(expr, tokenize(expr)).parse();
}

/**
 * Grafana's Prometheus variable query `label_values(<selector>, <label>)`
 * (https://grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/):
 * the selector parsed as PromQL, and the label.
 */
export function parseLabelValuesQuery(query: string): { selector: ParsedPromql; label: string } {
  const m = /^\s*label_values\(\s*(.+)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
  if (!m) throw new PromqlSyntaxError('expected label_values(<selector>, <label>)', query, 0);
  return { selector: parsePromql(m[1]!), label: m[2]! };
}

/** Grafana variables referenced in a text: `$name`, `${name}`, `${name:format}`, `[[name]]`. */
export function referencedVariables(text: string): string[] {
  const names = [
    ...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]/g),
  ].map((m) => (m[1] ?? m[2] ?? m[3])!);
  return [...new Set(names)];
}
