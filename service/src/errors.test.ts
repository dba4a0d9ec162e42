import { describe, expect, it } from 'vitest';
import {
  defineErrors,
  errorTableMarkdown,
  GamepulseError,
  GRPC_STATUS,
  grpcStatusName,
  isGamepulseError,
  registeredErrorTables,
} from './errors.ts';

const BASE = defineErrors(
  { name: 'test-base', docsUrl: 'service/README.md#base' },
  {
    GP_TEST_DOWN: { message: 'down', retryable: true, httpStatus: 503, grpcStatus: GRPC_STATUS.UNAVAILABLE },
    GP_TEST_BAD: { message: 'bad input', retryable: false, httpStatus: 400, grpcStatus: GRPC_STATUS.INVALID_ARGUMENT },
  },
);

const EDGE = defineErrors(
  { name: 'test-edge', docsUrl: 'service/README.md#edge', include: [BASE.GP_TEST_DOWN] },
  { GP_TEST_EDGE_FULL: { message: 'full', retryable: true, httpStatus: 429, grpcStatus: GRPC_STATUS.RESOURCE_EXHAUSTED } },
);

class TestError extends GamepulseError<keyof typeof EDGE> {
  constructor(code: keyof typeof EDGE, message?: string) {
    super(EDGE[code], message);
  }
}

describe('service/errors', () => {
  it('a table gives each code its spec, its code and its docs URL', () => {
    expect(BASE.GP_TEST_BAD).toEqual({
      code: 'GP_TEST_BAD',
      message: 'bad input',
      retryable: false,
      httpStatus: 400,
      grpcStatus: 3,
      docsUrl: 'service/README.md#base',
    });
    expect(Object.isFrozen(BASE) && Object.isFrozen(BASE.GP_TEST_BAD)).toBe(true);
  });

  it('included codes keep their own definition; the registry tells defined from included', () => {
    expect(EDGE.GP_TEST_DOWN).toBe(BASE.GP_TEST_DOWN);
    const edge = registeredErrorTables().find((t) => t.name === 'test-edge')!;
    expect(edge.defines.map((d) => d.code)).toEqual(['GP_TEST_EDGE_FULL']);
    expect(edge.codes.map((d) => d.code)).toEqual(['GP_TEST_EDGE_FULL', 'GP_TEST_DOWN']);
  });

  it('refuses a code that a table both defines and includes', () => {
    expect(() =>
      defineErrors({ name: 'test-twice', docsUrl: 'x.md#y', include: [BASE.GP_TEST_BAD] }, { GP_TEST_BAD: BASE.GP_TEST_BAD }),
    ).toThrow(/GP_TEST_BAD appears twice/);
  });

  it('an error carries code, message, retryable, statuses, docs URL, context and cause', () => {
    const cause = new Error('ECONNREFUSED');
    const err = new GamepulseError(BASE.GP_TEST_DOWN, 'broker down', { cause, context: { broker: 'b1' } });
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      name: 'GamepulseError',
      code: 'GP_TEST_DOWN',
      message: 'broker down',
      retryable: true,
      httpStatus: 503,
      grpcStatus: GRPC_STATUS.UNAVAILABLE,
      docsUrl: 'service/README.md#base',
      context: { broker: 'b1' },
      cause,
    });
    expect(new GamepulseError(BASE.GP_TEST_BAD)).toMatchObject({ message: 'bad input', context: {} });
    expect('cause' in new GamepulseError(BASE.GP_TEST_BAD)).toBe(false);
  });

  it("an occurrence may overrule the code's retryable default", () => {
    expect(new GamepulseError(BASE.GP_TEST_DOWN, 'x', { retryable: false }).retryable).toBe(false);
  });

  it('subclasses name themselves and narrow the codes; isGamepulseError checks a table', () => {
    const err = new TestError('GP_TEST_EDGE_FULL');
    expect(err.name).toBe('TestError');
    expect(isGamepulseError(err)).toBe(true);
    expect(isGamepulseError(err, EDGE)).toBe(true);
    expect(isGamepulseError(err, BASE)).toBe(false);
    expect(isGamepulseError(new Error('x'))).toBe(false);
  });

  it('renders README tables with gRPC status names', () => {
    expect(grpcStatusName(14)).toBe('UNAVAILABLE');
    expect(grpcStatusName(99)).toBeUndefined();
    expect(errorTableMarkdown(Object.values(EDGE))).toBe(
      [
        '| code | HTTP | gRPC | retryable | meaning |',
        '|---|---|---|---|---|',
        '| `GP_TEST_EDGE_FULL` | 429 | RESOURCE_EXHAUSTED | yes | full |',
        '| `GP_TEST_DOWN` | 503 | UNAVAILABLE | yes | down |',
      ].join('\n'),
    );
  });
});
