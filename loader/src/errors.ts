/**
 * The loader's stable codes, in the model of @gamepulse/service/errors: what its dead
 * letters carry for records it cannot use (loader/README.md, "Error codes"). They are
 * values, not exceptions: the record is set aside and the batch goes on.
 */
import { defineErrors, GRPC_STATUS } from '@gamepulse/service';

export const LOADER_ERRORS = defineErrors(
  { name: 'loader', docsUrl: 'loader/README.md#error-codes' },
  {
    GP_LOADER_RECORD_UNDECODABLE: {
      message: 'rollups-topic record is not a rollup row or player window in the topic format',
      retryable: false,
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
    },
    GP_DELETION_RECORD_UNDECODABLE: {
      message: 'deletions-topic record is not a valid DeletionRequest',
      retryable: false,
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
    },
    GP_DELETION_RECORD_INVALID: {
      message: 'DeletionRequest without game_id or player_id',
      retryable: false,
      httpStatus: 400,
      grpcStatus: GRPC_STATUS.INVALID_ARGUMENT,
    },
  },
);

export type LoaderErrorCode = keyof typeof LOADER_ERRORS;
