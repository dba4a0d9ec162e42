/**
 * Stable error codes of the alert engine (GP_ALERTS_*), in the model of
 * @gamepulse/service/errors. alerts/README.md, "Error codes", lists every code.
 */
import { defineErrors, GamepulseError, GRPC_STATUS, type GamepulseErrorOptions } from '@gamepulse/service';

export const ALERTS_ERRORS = defineErrors(
  { name: 'alerts', docsUrl: 'alerts/README.md#error-codes' },
  {
    GP_ALERTS_RULES_INVALID: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
      retryable: false,
      message: 'The rule file does not parse or breaks its schema; every problem is listed, each with its path in the file.',
    },
    GP_ALERTS_RULES_UNREADABLE: {
      httpStatus: 500,
      grpcStatus: GRPC_STATUS.NOT_FOUND,
      retryable: false,
      message: 'The rule file cannot be read (missing, no permission).',
    },
  },
);

export type AlertsErrorCode = keyof typeof ALERTS_ERRORS;

export class AlertsError extends GamepulseError<AlertsErrorCode> {
  constructor(code: AlertsErrorCode, message: string, options: Omit<GamepulseErrorOptions, 'retryable'> = {}) {
    super(ALERTS_ERRORS[code], message, options);
  }
}

export function isAlertsError(err: unknown, code?: AlertsErrorCode): err is AlertsError {
  return err instanceof AlertsError && (code === undefined || err.code === code);
}
