/**
 * Named access to the generated gamepulse.v1 messages. Code elsewhere imports from
 * here (through the package index), never from `generated/` directly, so that a
 * regeneration or a v2 schema changes one file.
 */
import './numbers-not-longs.ts';
import './fast-reads.ts';
import './oneof-accessors.ts';
import { gamepulse } from './generated/gamepulse.js';

const v1 = gamepulse.v1;

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

/** Plain-object shapes (what encode accepts and decode returns, all fields optional). */
export type ContextData = gamepulse.v1.Context.$Properties;
export type EventData = gamepulse.v1.Event.$Properties;
export type EventBatchData = gamepulse.v1.EventBatch.$Properties;
export type SdkHealthData = gamepulse.v1.SdkHealth.$Properties;
export type RejectionData = gamepulse.v1.Rejection.$Properties;
export type BatchAckData = gamepulse.v1.BatchAck.$Properties;
export type StreamErrorData = gamepulse.v1.StreamError.$Properties;
export type StreamReplyData = gamepulse.v1.StreamReply.$Properties;
export type DeletionRequestData = gamepulse.v1.DeletionRequest.$Properties;
export type IngestedBatchData = gamepulse.v1.IngestedBatch.$Properties;
export type DeadLetterData = gamepulse.v1.DeadLetter.$Properties;
export type RollupRowData = gamepulse.v1.RollupRow.$Properties;
export type PlayerWindowData = gamepulse.v1.PlayerWindow.$Properties;
export type ProgressionData = gamepulse.v1.Progression.$Properties;
export type PurchaseData = gamepulse.v1.Purchase.$Properties;
export type ResourceData = gamepulse.v1.Resource.$Properties;
export type DesignData = gamepulse.v1.Design.$Properties;
export type ErrorEventData = gamepulse.v1.Error.$Properties;
export type AdData = gamepulse.v1.Ad.$Properties;
export type SocialData = gamepulse.v1.Social.$Properties;
export type FeatureUseData = gamepulse.v1.FeatureUse.$Properties;
export type ExperimentExposureData = gamepulse.v1.ExperimentExposure.$Properties;

export const ProgressionStatus = v1.Progression.Status;
export const ResourceFlow = v1.Resource.Flow;
export const ErrorSeverity = v1.Error.Severity;
export const AdAction = v1.Ad.Action;
