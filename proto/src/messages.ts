/**
 * Named access to the generated gamepulse.v1 codecs (generated/messages.ts). Code
 * elsewhere imports from here (through the package index), never from `generated/`
 * directly, so that a regeneration or a v2 schema changes one file.
 *
 * Each message is `{ encode(data).finish(), decode(bytes), toObject(message, options) }`;
 * decoded messages are plain objects, 64-bit values numbers, each oneof's set member
 * named in a plain field (`payload`).
 */
import { v1 } from './generated/messages.ts';
import type * as pb from './generated/messages.ts';

export const Context = v1.Context;
export const Event = v1.Event;
export const SessionStart = v1.SessionStart;
export const SessionEnd = v1.SessionEnd;
export const Progression = v1.Progression;
export const Purchase = v1.Purchase;
export const Resource = v1.Resource;
export const Design = v1.Design;
export const ErrorEvent = v1.Error;
export const Ad = v1.Ad;
export const Social = v1.Social;
export const FeatureUse = v1.FeatureUse;
export const ExperimentExposure = v1.ExperimentExposure;
export const Refund = v1.Refund;
export const EventBatch = v1.EventBatch;
export const SdkHealth = v1.SdkHealth;
export const Rejection = v1.Rejection;
export const BatchAck = v1.BatchAck;
export const StreamError = v1.StreamError;
export const StreamReply = v1.StreamReply;
export const DeletionRequest = v1.DeletionRequest;
export const IngestedBatch = v1.IngestedBatch;
export const DeadLetter = v1.DeadLetter;
export const RollupRow = v1.RollupRow;
export const PlayerWindow = v1.PlayerWindow;
export const PlayerStep = v1.PlayerStep;

/** Plain-object shapes (what encode accepts, all fields optional; decoded messages fit them too). */
export type ContextData = pb.ContextData;
export type EventData = pb.EventData;
export type EventBatchData = pb.EventBatchData;
export type SdkHealthData = pb.SdkHealthData;
export type RejectionData = pb.RejectionData;
export type BatchAckData = pb.BatchAckData;
export type StreamErrorData = pb.StreamErrorData;
export type StreamReplyData = pb.StreamReplyData;
export type DeletionRequestData = pb.DeletionRequestData;
export type IngestedBatchData = pb.IngestedBatchData;
export type DeadLetterData = pb.DeadLetterData;
export type RollupRowData = pb.RollupRowData;
export type PlayerWindowData = pb.PlayerWindowData;
export type PlayerStepData = pb.PlayerStepData;
export type ProgressionData = pb.ProgressionData;
export type PurchaseData = pb.PurchaseData;
export type ResourceData = pb.ResourceData;
export type DesignData = pb.DesignData;
export type ErrorEventData = pb.ErrorData;
export type AdData = pb.AdData;
export type SocialData = pb.SocialData;
export type FeatureUseData = pb.FeatureUseData;
export type ExperimentExposureData = pb.ExperimentExposureData;
export type RefundData = pb.RefundData;

/** Decoded shapes (what decode returns: defaults filled in). */
export type ContextMessage = pb.ContextMessage;
export type EventMessage = pb.EventMessage;
export type EventBatchMessage = pb.EventBatchMessage;
export type BatchAckMessage = pb.BatchAckMessage;
export type StreamReplyMessage = pb.StreamReplyMessage;
export type DeletionRequestMessage = pb.DeletionRequestMessage;
export type IngestedBatchMessage = pb.IngestedBatchMessage;
export type DeadLetterMessage = pb.DeadLetterMessage;
export type RollupRowMessage = pb.RollupRowMessage;
export type PlayerWindowMessage = pb.PlayerWindowMessage;
export type PlayerStepMessage = pb.PlayerStepMessage;

export { ProgressionStatus, ResourceFlow, ErrorSeverity, AdAction, RefundReason } from './generated/messages.ts';
export type { ToObjectOptions } from './wire/server-codec.ts';
